/**
 * Loads the .proto files into protobufjs's JSON descriptor form (INamespace), the
 * format both the committed baseline and the current schema are compared in. Field
 * names as written in the .proto files (snake_case).
 */
import protobuf from 'protobufjs';
import { join } from 'node:path';

export type SchemaJson = protobuf.INamespace;

export function loadSchema(protoRoot: string, files: string[]): SchemaJson {
  const root = new protobuf.Root();
  // Resolve imports ("gamepulse/v1/event.proto") against the proto root, once each.
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(protoRoot, target));
  root.loadSync(
    files.map((f) => join(protoRoot, f)),
    { keepCase: true },
  );
  root.resolveAll();
  return root.toJSON({ keepComments: false });
}
