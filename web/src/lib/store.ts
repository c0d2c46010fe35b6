import { useSyncExternalStore } from 'react';

/** A tiny observable value that React components read with useStore. */
export class Store<T> {
  private listeners = new Set<() => void>();

  constructor(private value: T) {}

  get = (): T => this.value;

  set(next: T | ((current: T) => T)): void {
    const value = typeof next === 'function' ? (next as (c: T) => T)(this.value) : next;
    if (value !== this.value) {
      this.value = value;
      this.listeners.forEach((l) => l());
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

const noSubscription = () => () => undefined;
const nothing = () => null;

/** Like useStore, for a store that may not exist yet (created by an effect). */
export function useMaybeStore<T>(store: Store<T> | null): T | null {
  return useSyncExternalStore(store ? store.subscribe : noSubscription, store ? store.get : nothing, store ? store.get : nothing);
}
