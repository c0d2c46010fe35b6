// Applies the chosen theme before the app loads, so a dark page never flashes white. The app keeps it
// up to date afterwards (src/theme/theme.tsx); the key and values must stay the same in both.
(function () {
  try {
    var saved = window.localStorage.getItem('peerprep.theme');
    var dark = saved === 'dark' || (saved !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  } catch (e) {
    // storage unavailable: the app decides once it starts
  }
})();
