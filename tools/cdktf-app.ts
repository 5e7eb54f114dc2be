/** The app `cdktf synth|diff|deploy` runs (cdktf.json): the Terraform half into CDKTF_OUTDIR. */
import './synth/cheap-stack-traces.js';
import { loadPlatformConfig } from '../config/index.js';
import { buildTerraformApp } from '../stacks/app.js';

buildTerraformApp(loadPlatformConfig(), { outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' }).synth();
