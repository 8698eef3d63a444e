// The package as a user installs it: packed from a fresh copy of the tree (no dist/: `prepack` must build it),
// installed into a temporary prefix like `npm install -g`, and the installed `tcplain` run on a sample.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const TREE = ['bin', 'src', 'grammar', 'scripts', 'samples', 'docs', 'man', 'package.json', 'package-lock.json', 'README.md', 'tsconfig.json'];
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network/i;

let tmp = '';
/** npm without the variables `npm test` sets for its own run (they would steer the inner npm). */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tcplain-pack-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm pack → npm install -g → tcplain', () => {
  it('the tarball holds the built bundle and the man page, and the installed command explains a capture', (ctx) => {
    const tree = path.join(tmp, 'tree');
    mkdirSync(tree);
    for (const p of TREE) cpSync(path.join(repo, p), path.join(tree, p), { recursive: true });
    symlinkSync(realpathSync(path.join(repo, 'node_modules')), path.join(tree, 'node_modules'));
    expect(existsSync(path.join(tree, 'dist'))).toBe(false);

    execFileSync('npm', ['pack', '--pack-destination', tmp, '--silent'], { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe('tcplain-0.1.0.tgz');
    const listed = execFileSync('tar', ['tzf', path.join(tmp, tarball!)], { encoding: 'utf8' }).split('\n');
    expect(listed).toContain('package/dist/tcplain.js');
    expect(listed).toContain('package/bin/tcplain.js');
    expect(listed).toContain('package/man/tcplain.1');
    expect(listed).toContain('package/samples/server-abort/n.txt');
    // The startup snapshot's script travels; its blob belongs to the Node that writes it, on install (postinstall).
    expect(listed).toContain('package/dist/snapshot.cjs');
    expect(listed).toContain('package/bin/tcplain');
    expect(listed.filter((f) => f.includes('.blob'))).toEqual([]);

    // The dependencies come from npm's cache (filled by `npm ci`); the registry only if the cache lacks metadata.
    const prefix = path.join(tmp, 'prefix');
    const install = (mode: string) =>
      spawnSync('npm', ['install', '-g', '--prefix', prefix, path.join(tmp, tarball!), mode, '--no-audit', '--no-fund'], { env, encoding: 'utf8' });
    let r = install('--offline');
    if (r.status !== 0) r = install('--prefer-offline');
    if (r.status !== 0 && NETWORK.test(r.stderr)) {
      ctx.skip(`the npm registry is unreachable and the cache lacks the dependencies: ${r.stderr.split('\n').find((l) => NETWORK.test(l))}`);
    }
    expect(r.stderr.split('\n').filter((l) => l.includes('npm error'))).toEqual([]);
    expect(r.status).toBe(0);

    const out = execFileSync(path.join(prefix, 'bin', 'tcplain'), ['--format', 'text', path.join(repo, 'samples/server-abort/n.txt')], {
      encoding: 'utf8',
      env: { PATH: env.PATH, LANG: 'C' },
    }).split('\n');
    expect(out).toContain('──▶ Connection c1 192.0.2.2:40004 → 198.51.100.2:80: Reset by the server after the request, before any reply');
    expect(out).toContain('  │   curl: (56) Recv failure: Connection reset by peer');
    const installed = path.join(prefix, 'lib', 'node_modules', 'tcplain', 'dist');
    expect(existsSync(path.join(installed, 'tcplain.blob'))).toBe(true);
    // The Node that made the blob, and the V8 heap flags it was made under (bin/tcplain's `heap=` line).
    const heap = /^heap='([^']*)'$/m.exec(readFileSync(path.join(repo, 'bin/tcplain'), 'utf8'))?.[1];
    expect(readFileSync(path.join(installed, 'tcplain.blob.node'), 'utf8')).toBe(`${realpathSync(process.execPath)}\n${heap}\n`);
    // The bundled samples travel with the package (lessons read them).
    const lesson = execFileSync(path.join(prefix, 'bin', 'tcplain'), ['lesson'], { encoding: 'utf8', env: { PATH: env.PATH, LANG: 'C' } });
    expect(lesson.split('\n')[1]).toMatch(/^ {2}handshake +/);
  });
});
