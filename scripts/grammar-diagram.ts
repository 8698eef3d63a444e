// Writes the Chevrotain syntax diagram of the tcpdump line grammar to docs/grammar-diagram.html.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { TcpdumpParser } from '../grammar/parser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs/grammar-diagram.html');
const parser = new TcpdumpParser();
writeFileSync(out, createSyntaxDiagramsCode(parser.getSerializedGastProductions()));
console.log(`wrote ${path.relative(root, out)}`);
