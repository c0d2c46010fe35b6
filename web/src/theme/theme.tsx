import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'peerprep.theme';

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

function stored(): ThemeChoice {
  const v = window.localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

interface ThemeValue {
  choice: ThemeChoice;
  dark: boolean;
  cycle: () => void;
}

const ThemeContext = createContext<ThemeValue>({ choice: 'system', dark: false, cycle: () => undefined });

/** Light or dark: the system's preference unless the user picked one with the toggle. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  const [prefersDark, setPrefersDark] = useState(systemDark);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') {
      return undefined;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const listener = (e: MediaQueryListEvent) => setPrefersDark(e.matches);
    query.addEventListener('change', listener);
    return () => query.removeEventListener('change', listener);
  }, []);

  const dark = choice === 'dark' || (choice === 'system' && prefersDark);

  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);

  const cycle = useCallback(() => {
    setChoice((c) => {
      const next: ThemeChoice = c === 'system' ? (prefersDark ? 'light' : 'dark') : c === 'dark' ? 'light' : 'dark';
      window.localStorage.setItem(KEY, next);
      return next;
    });
  }, [prefersDark]);

  const value = useMemo(() => ({ choice, dark, cycle }), [choice, dark, cycle]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeValue {
  return useContext(ThemeContext);
}
