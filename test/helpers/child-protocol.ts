/** What inChild's child process prints: its reply as JSON after a marker line, so stray output before it is harmless. */
export const RESULT_MARKER = '\n@@daxspec-child-result@@';

export type ChildReply = { value: unknown } | { error: { message: string; stack: string; fields: Record<string, unknown> } };
