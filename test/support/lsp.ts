// A minimal Language Server Protocol client over stdio (Content-Length framing, JSON-RPC),
// enough to open documents in yaml-language-server and read back its diagnostics and hovers.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
}

export class LspClient {
  private proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (r: unknown) => void>();
  private diagnostics = new Map<string, LspDiagnostic[]>();
  private waiters: { uri: string; resolve: (d: LspDiagnostic[]) => void }[] = [];

  constructor(
    command: string,
    args: string[],
    private settings: unknown,
  ) {
    this.proc = spawn(command, args, { stdio: 'pipe' });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.resume();
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString())?.[1]);
      if (this.buf.length < end + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8')) as {
        id?: number;
        method?: string;
        params?: { uri: string; diagnostics: LspDiagnostic[] };
        result?: unknown;
      };
      this.buf = this.buf.subarray(end + 4 + len);
      this.onMessage(msg);
    }
  }

  private onMessage(msg: { id?: number; method?: string; params?: unknown; result?: unknown }): void {
    if (msg.method === 'textDocument/publishDiagnostics') {
      const p = msg.params as { uri: string; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const w of this.waiters.filter((x) => x.uri === p.uri)) w.resolve(p.diagnostics);
      this.waiters = this.waiters.filter((x) => x.uri !== p.uri);
    } else if (msg.method && msg.id !== undefined) {
      // A request from the server (workspace/configuration, capability registration).
      const result =
        msg.method === 'workspace/configuration'
          ? ((msg.params as { items: unknown[] }).items ?? []).map(() => (this.settings as { yaml: unknown }).yaml)
          : null;
      this.send({ id: msg.id, result });
    } else if (msg.id !== undefined) {
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async start(rootUri: string): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Opens a document and resolves with the diagnostics the server publishes for it. */
  open(uri: string, text: string, version = 1): Promise<LspDiagnostic[]> {
    const p = new Promise<LspDiagnostic[]>((resolve) => this.waiters.push({ uri, resolve }));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    return p;
  }

  hover(uri: string, line: number, character: number): Promise<{ contents: { value: string } | string } | null> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  completion(uri: string, line: number, character: number): Promise<{ items: { label: string; detail?: string }[] } | null> {
    return this.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  }

  async stop(): Promise<void> {
    await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
    this.notify('exit', null);
    this.proc.kill();
  }
}
