// What an internal error (a bug, never a user's mistake) prints: one line and a hint to
// report it, exit 70 (EX_SOFTWARE); the stack trace only when CM_DEBUG asks for it.
import { M } from '../core/messages.js';
import { forTerminal } from '../core/text.js';

/** Exit code of an internal error (sysexits' EX_SOFTWARE). */
export const INTERNAL_EXIT = 70;

/** Whether the environment asks for stack traces (CM_DEBUG set, and not 0 or false). */
export function debugOn(env: NodeJS.ProcessEnv): boolean {
  const v = env.CM_DEBUG;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** The text written to stderr for an error no command caught. */
export function internalErrorText(e: unknown, env: NodeJS.ProcessEnv): string {
  const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  // The message may quote input (a file's text): shown visibly, on one line.
  const out = [`compact-model: internal error: ${forTerminal(message.split('\n')[0] ?? '')}`, `  = hint: ${M.internalErrorHint}`];
  if (debugOn(env) && e instanceof Error && e.stack) out.push(forTerminal(e.stack, { newlines: true }));
  return `${out.join('\n')}\n`;
}
