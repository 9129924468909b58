#!/usr/bin/env python3
"""Reads every NAME.png in a folder with the tesseract CLI the way docguard does (PSM 7, LSTM
only, whitelist A-Z0-9<) and prints character error rate and exact-line rate against NAME.gt.txt.

Usage: score.py DIR MODEL [TESSDATA_DIR]   (prints: MODEL lines chars errors CER% exact exact%)
"""
import glob
import os
import subprocess
import sys

WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def main():
    d, model = sys.argv[1], sys.argv[2]
    tessdata = sys.argv[3] if len(sys.argv) > 3 else None
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    n = chars = errs = exact = 0
    bad = []
    for png in sorted(glob.glob(os.path.join(d, "*.png"))):
        truth = open(png[:-4] + ".gt.txt").read().strip()
        cmd = ["tesseract", png, "-", "--psm", "7", "--oem", "1", "-l", model,
               "-c", "tessedit_char_whitelist=" + WHITELIST]
        if tessdata:
            cmd[1:1] = ["--tessdata-dir", tessdata]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
        got = "".join(out.split())
        e = lev(got, truth)
        n += 1
        chars += len(truth)
        errs += e
        exact += got == truth
        if got != truth:
            bad.append((os.path.basename(png), truth, got))
    if os.environ.get("SCORE_SHOW_ERRORS"):
        for b in bad[:int(os.environ["SCORE_SHOW_ERRORS"])]:
            print("  %s\n    want %s\n    got  %s" % b, file=sys.stderr)
    print("%s %d %d %d %.3f %d %.1f" % (model, n, chars, errs, 100.0 * errs / max(chars, 1),
                                        exact, 100.0 * exact / max(n, 1)))


if __name__ == "__main__":
    main()
