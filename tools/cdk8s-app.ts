/** The app `cdk8s synth` runs (cdk8s.yaml): every cluster's manifests into `<CDK8S_OUTDIR>/<env>/<region>/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClusters } from '../charts/app.js';
import { loadPlatformConfig } from '../config/index.js';

const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
for (const cluster of renderClusters(loadPlatformConfig())) {
  const dir = join(outdir, cluster.dir);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of cluster.files) writeFileSync(join(dir, file), text);
}
