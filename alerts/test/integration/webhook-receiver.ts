/** A webhook receiver for the alert tests: what Alertmanager (or the webhook sink) notifies. */
import { createServer, type Server } from 'node:http';
import { freePort } from '@gamepulse/testkit';
import type { WebhookMessage } from '../../src/index.ts';

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
