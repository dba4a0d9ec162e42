/**
 * Space Miner's rules, without any rendering or analytics: a ship collects coins and
 * avoids asteroids; ten coins clear a level. Pure and seeded, so the autopilot and the
 * tests see the same game. The game loop (game.ts) draws it and reports to gamepulse.
 */
export interface Vec {
  x: number;
  y: number;
}

export interface Rock extends Vec {
  vx: number;
  vy: number;
  r: number;
}

export interface World {
  width: number;
  height: number;
  ship: Vec & { vx: number; vy: number; angle: number };
  coins: Vec[];
  rocks: Rock[];
  level: number;
  attempt: number;
  lives: number;
  collected: number;
  gold: number;
  score: number;
  /** Frames of invulnerability after a hit. */
  shield: number;
}

export type WorldEvent =
  | { kind: 'coin'; gold: number }
  | { kind: 'hit'; livesLeft: number }
  | { kind: 'level_complete'; level: number; score: number; attempt: number }
  | { kind: 'game_over'; level: number; attempt: number };

export const COINS_PER_LEVEL = 10;

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newWorld(width: number, height: number, rnd: () => number): World {
  const w: World = {
    width,
    height,
    ship: { x: width / 2, y: height / 2, vx: 0, vy: 0, angle: 0 },
    coins: [],
    rocks: [],
    level: 1,
    attempt: 1,
    lives: 3,
    collected: 0,
    gold: 0,
    score: 0,
    shield: 60,
  };
  startLevel(w, rnd);
  return w;
}

export function startLevel(w: World, rnd: () => number): void {
  w.collected = 0;
  w.coins = Array.from({ length: 4 }, () => ({ x: 20 + rnd() * (w.width - 40), y: 20 + rnd() * (w.height - 40) }));
  w.rocks = Array.from({ length: 2 + w.level }, () => ({
    x: rnd() * w.width,
    y: rnd() < 0.5 ? 0 : w.height,
    vx: (rnd() - 0.5) * (0.8 + w.level * 0.25),
    vy: (rnd() - 0.5) * (0.8 + w.level * 0.25),
    r: 10 + rnd() * 14,
  }));
  w.shield = 60;
}

const dist = (a: Vec, b: Vec) => Math.hypot(a.x - b.x, a.y - b.y);

/** The autopilot: towards the nearest coin, away from rocks that come close. */
export function autopilot(w: World): Vec {
  const target = w.coins.reduce((best, c) => (dist(c, w.ship) < dist(best, w.ship) ? c : best), w.coins[0] ?? w.ship);
  let ax = target.x - w.ship.x;
  let ay = target.y - w.ship.y;
  const len = Math.hypot(ax, ay) || 1;
  ax /= len;
  ay /= len;
  for (const r of w.rocks) {
    const d = dist(r, w.ship);
    if (d < r.r + 60) {
      ax += ((w.ship.x - r.x) / d) * 1.6;
      ay += ((w.ship.y - r.y) / d) * 1.6;
    }
  }
  return { x: ax, y: ay };
}

/** Advances one frame with thrust `input`; returns what happened. */
export function step(w: World, input: Vec, rnd: () => number): WorldEvent[] {
  const out: WorldEvent[] = [];
  const s = w.ship;
  s.vx = (s.vx + input.x * 0.35) * 0.94;
  s.vy = (s.vy + input.y * 0.35) * 0.94;
  s.x = Math.min(w.width - 8, Math.max(8, s.x + s.vx));
  s.y = Math.min(w.height - 8, Math.max(8, s.y + s.vy));
  if (Math.hypot(s.vx, s.vy) > 0.1) s.angle = Math.atan2(s.vy, s.vx);
  if (w.shield > 0) w.shield--;
  for (const r of w.rocks) {
    r.x = (r.x + r.vx + w.width) % w.width;
    r.y = (r.y + r.vy + w.height) % w.height;
    if (w.shield === 0 && dist(r, s) < r.r + 8) {
      w.lives--;
      w.shield = 90;
      out.push({ kind: 'hit', livesLeft: w.lives });
      if (w.lives <= 0) {
        out.push({ kind: 'game_over', level: w.level, attempt: w.attempt });
        w.lives = 3;
        w.attempt++;
        w.score = Math.max(0, w.score - 50);
        startLevel(w, rnd);
      }
    }
  }
  for (let i = w.coins.length - 1; i >= 0; i--) {
    if (dist(w.coins[i]!, s) < 16) {
      const gold = 5 + Math.floor(rnd() * 10);
      w.coins.splice(i, 1);
      w.gold += gold;
      w.score += 10 * w.level;
      w.collected++;
      out.push({ kind: 'coin', gold });
      if (w.collected >= COINS_PER_LEVEL) {
        out.push({ kind: 'level_complete', level: w.level, score: w.score, attempt: w.attempt });
        w.level++;
        w.attempt = 1;
        startLevel(w, rnd);
      } else {
        w.coins.push({ x: 20 + rnd() * (w.width - 40), y: 20 + rnd() * (w.height - 40) });
      }
    }
  }
  return out;
}
