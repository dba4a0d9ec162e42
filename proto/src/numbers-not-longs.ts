/**
 * Every 64-bit field in gamepulse.v1 is a count, a time in ms or an amount in minor
 * units, all below 2^53. Without long.js, protobufjs reads them as plain numbers —
 * what the rest of the code expects, and faster than Long objects.
 *
 * This module must be evaluated BEFORE the generated code: the generated classes put
 * zero defaults for unset int64 fields on their prototypes at load time, as Long
 * objects if long.js is configured then. ES modules evaluate imports in order, so
 * messages.ts imports this first.
 */
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
