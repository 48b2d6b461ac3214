import type { Command } from 'commander';

export type SetExit = (code: number) => void;

export function register(program: Command, setExit: SetExit): void {
  void program;
  void setExit;
}
