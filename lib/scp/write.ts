import * as fs from 'fs';
import * as path from 'path';
import { buildScpDocuments, type ScpDocumentsInput } from './documents';

/**
 * Writes the SCP documents as `<outdir>/scp/<name>.json` (minified), e.g. into `cdk.out`
 * after synthesis, and returns the paths written. The only file I/O of lib/scp.
 */
export function writeScpDocuments(outdir: string, input: ScpDocumentsInput = {}): string[] {
  const dir = path.join(outdir, 'scp');
  fs.mkdirSync(dir, { recursive: true });
  return buildScpDocuments(input).map((doc) => {
    const file = path.join(dir, doc.fileName);
    fs.writeFileSync(file, doc.json);
    return file;
  });
}
