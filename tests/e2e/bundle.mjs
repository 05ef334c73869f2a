// Reading a bundle's manifest in the tests, whatever its schema version: since 2.0 the
// manifest holds an index of measures (`measures`) and each measure's whole metadata is in a
// part of the catalogue (`catalogue`); this puts that metadata back as `metrics`, in the
// index's order, as a 1.x manifest held it. Expected values in the tests come from these
// files, never from the widget.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The manifest of the bundle in `dir` (a path or a file: URL), with every metric's metadata. */
export function readManifest(dir) {
  const root = dir instanceof URL ? fileURLToPath(dir) : dir;
  const read = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
  const manifest = read('manifest.json');
  if (!manifest.catalogue) return manifest;
  const metas = manifest.catalogue.flatMap((part) => read(part.path).metrics);
  const metrics = manifest.measures.map((entry) => metas.find((m) => m.id === entry.id));
  return { ...manifest, metrics };
}
