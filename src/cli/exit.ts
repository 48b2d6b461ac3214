// How a command raises the run's exit code. Its own file so that commands import it without
// importing the registry (commands.ts), which imports them: cli/ has no import circle.

/** Commands raise the run's exit code through this (the highest wins: 3 partial over 0). */
export type SetExit = (code: number) => void;
