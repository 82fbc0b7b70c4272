import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small tmpfs mounted for one scenario, and a filler file that leaves only `headroom` free. */
export interface SmallDisk {
  dir: string;
  /** Bytes still free. */
  free(): number;
  /** Fills the disk but for `headroomBytes` with a filler file. */
  fill(headroomBytes: number): void;
  /** Deletes the filler: the disk has room again. */
  makeRoom(): void;
  /** Allocates the blocks of a sparse file now (SQLite's `-shm`, written through mmap: a page it
   * touches on a full tmpfs would be a SIGBUS, not an error SQLite can report). */
  allocate(path: string): void;
  /** Unmounts and removes the mount point. */
  dispose(): void;
}

/** True when this process may mount a tmpfs (root on Linux). */
export function canMountTmpfs(): boolean {
  return (
    process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0
  );
}

/**
 * Mounts a tmpfs of `sizeBytes` on a fresh folder (`mount -t tmpfs -o size=…`).
 * @throws when the mount fails.
 */
export function mountSmallDisk(sizeBytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'paperbrief-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  const free = () => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    free,
    fill(headroomBytes) {
      const size = Math.max(0, free() - headroomBytes);
      writeFileSync(filler, Buffer.alloc(size));
    },
    makeRoom() {
      rmSync(filler, { force: true });
    },
    allocate(path) {
      execFileSync('fallocate', ['-l', '32768', path]);
    },
    dispose() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
