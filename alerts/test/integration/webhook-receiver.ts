/** A webhook receiver for the alert tests: what Alertmanager (or the webhook sink) notifies. */
import { createServer, type Server } from 'node:http';
import { freePort } from '@gamepulse/testkit';
import type { WebhookMessage } from '../../src/index.ts';

/**
 * An Alertmanager configuration that routes everything to `receiverUrl` (resolutions
 * included) with 1 s group waits, so a test sees a notification within seconds.
 */
export function routeAllTo(receiverUrl: string, options: { groupBy?: string; repeatInterval?: string } = {}): string {
  return `
route:
  receiver: test
  group_by: ${options.groupBy ?? '[alertname, game]'}
  group_wait: 1s
  group_interval: 1s
  repeat_interval: ${options.repeatInterval ?? '1h'}
receivers:
  - name: test
    webhook_configs:
      - url: ${receiverUrl}
        send_resolved: true
`;
}

/** A node:http webhook receiver recording every notification's body, in arrival order. */
export class WebhookReceiver {
  readonly messages: WebhookMessage[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    const port = await freePort();
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.messages.push(JSON.parse(body) as WebhookMessage);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}/hook`;
  }

  /** Messages whose group's alertname is `alertname`. */
  of(alertname: string): WebhookMessage[] {
    return this.messages.filter((m) => m.groupLabels.alertname === alertname);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
