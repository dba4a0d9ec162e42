/**
 * Space Miner: a small canvas game (it plays itself with the autopilot) that reports to
 * gamepulse through the browser SDK — sessions, progression (start/complete/fail per
 * level and attempt), the gold economy (sources and sinks), an in-app purchase, a
 * rewarded ad, design events, and an A/B experiment on the ship's colour.
 *
 * Query parameters: endpoint (collector URL), key (ingest key), seed, speed (frames per
 * animation frame, for demos and tests).
 */
import { createBrowserGamepulse } from '@gamepulse/sdk/browser';
import { autopilot, newWorld, seeded, step, type World } from './world.ts';

const params = new URLSearchParams(location.search);
const gp = createBrowserGamepulse({
  gameKey: params.get('key') ?? 'dev-key',
  endpoint: params.get('endpoint') ?? 'http://127.0.0.1:8080',
  gameId: 'demo',
  build: '1.0.0',
  platform: 'web',
  locale: navigator.language,
  flushIntervalMs: 2_000,
});
(globalThis as { gamepulse?: unknown }).gamepulse = gp; // for the console and the tests

const canvas = document.getElementById('game') as HTMLCanvasElement;
const ctx = canvas.getContext('2d')!;
const sdkLine = document.getElementById('sdk')!;
const rnd = seeded(Number(params.get('seed') ?? Date.now() % 100_000));
const speed = Math.max(1, Number(params.get('speed') ?? 1));
const world: World = newWorld(canvas.width, canvas.height, rnd);
let paused = false;
let frames = 0;

await gp.ready;
const shipColor = gp.experiment.variant('ship_color', { cyan: 1, orange: 1 }) === 'orange' ? '#ff9d3c' : '#3cf2ff';
gp.progression.start('space', `level${world.level}`, undefined, { attempt: world.attempt });

function report(events: ReturnType<typeof step>): void {
  for (const e of events) {
    switch (e.kind) {
      case 'coin':
        gp.resource.source('gold', e.gold, 'pickup', 'coin');
        break;
      case 'hit':
        gp.design('combat:ship:hit', e.livesLeft);
        break;
      case 'level_complete':
        gp.progression.complete('space', `level${e.level}`, undefined, { attempt: e.attempt, score: e.score });
        // Between levels the autopilot buys an upgrade when it can afford it.
        if (world.gold >= 40) {
          world.gold -= 40;
          gp.resource.sink('gold', 40, 'shop', 'thruster_upgrade');
        }
        gp.progression.start('space', `level${world.level}`, undefined, { attempt: 1 });
        break;
      case 'game_over':
        gp.progression.fail('space', `level${e.level}`, undefined, { attempt: e.attempt });
        gp.ad({ action: 'show', adType: 'rewarded', placement: 'game_over' });
        gp.ad({ action: 'reward_received', adType: 'rewarded', placement: 'game_over', durationMs: 15_000 });
        gp.progression.start('space', `level${e.level}`, undefined, { attempt: e.attempt + 1 });
        break;
    }
  }
}

function draw(): void {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#ffd54a';
  for (const c of world.coins) {
    ctx.beginPath();
    ctx.arc(c.x, c.y, 7, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = '#7d8597';
  for (const r of world.rocks) {
    ctx.beginPath();
    ctx.arc(r.x, r.y, r.r, 0, Math.PI * 2);
    ctx.fill();
  }
  const s = world.ship;
  ctx.save();
  ctx.translate(s.x, s.y);
  ctx.rotate(s.angle);
  ctx.globalAlpha = world.shield > 0 && Math.floor(world.shield / 6) % 2 ? 0.4 : 1;
  ctx.fillStyle = shipColor;
  ctx.beginPath();
  ctx.moveTo(12, 0);
  ctx.lineTo(-9, 8);
  ctx.lineTo(-5, 0);
  ctx.lineTo(-9, -8);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
  ctx.fillStyle = '#e8ecff';
  ctx.font = '16px system-ui, sans-serif';
  ctx.fillText(`Level ${world.level}   Score ${world.score}   Gold ${world.gold}   Lives ${'♥'.repeat(world.lives)}`, 12, 24);
  if (paused) ctx.fillText('Paused', canvas.width / 2 - 24, canvas.height / 2);
}

function frame(): void {
  if (!paused) {
    for (let i = 0; i < speed; i++) {
      const input = (document.getElementById('autopilot') as HTMLInputElement).checked ? autopilot(world) : keys();
      report(step(world, input, rnd));
      frames++;
    }
  }
  draw();
  if (frames % 30 === 0) {
    const st = gp.stats();
    sdkLine.textContent = `gamepulse: ${st.ackedEvents} acked · ${st.queued + st.inFlight} waiting · ${st.transport} · circuit ${st.circuit}`;
  }
  requestAnimationFrame(frame);
}

const held = new Set<string>();
addEventListener('keydown', (e) => held.add(e.key));
addEventListener('keyup', (e) => held.delete(e.key));
function keys() {
  return {
    x: (held.has('ArrowRight') ? 1 : 0) - (held.has('ArrowLeft') ? 1 : 0),
    y: (held.has('ArrowDown') ? 1 : 0) - (held.has('ArrowUp') ? 1 : 0),
  };
}

document.getElementById('pause')!.addEventListener('click', (e) => {
  paused = !paused;
  (e.target as HTMLButtonElement).textContent = paused ? 'Resume' : 'Pause';
  gp.design(paused ? 'ui:hud:pause' : 'ui:hud:resume');
  // An engine pause is a background period for the session (the page-lifecycle hooks do the same on hide).
  if (paused) gp.pause();
  else gp.resume();
});
document.getElementById('buy')!.addEventListener('click', () => {
  gp.purchase({
    currency: 'USD',
    amountMinor: 499,
    itemType: 'gem_pack',
    itemId: 'gems_500',
    transactionId: `web-${Date.now()}`,
    store: 'web',
  });
});
// The autopilot also "buys" once, so a demo shows revenue.
setTimeout(
  () =>
    gp.purchase({
      currency: 'USD',
      amountMinor: 199,
      itemType: 'starter_pack',
      itemId: 'starter',
      transactionId: `auto-${Date.now()}`,
      store: 'web',
    }),
  1_500,
);

document.title = 'Space Miner';
requestAnimationFrame(frame);
