export function App() {
  return <main><h1>PeerPrep</h1></main>;
}
