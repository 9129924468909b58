#!/usr/bin/env python3
"""Normalises real MRZ line crops (NNNN.tif + NNNN.gt.txt) into training lines that look like what
docguard's line cutter hands to Tesseract, and splits off a fixed held-out share.

The crops (../shared/data/real-lines/) are deskewed, tightly cropped and binarised by another
project. Each kept line becomes greyscale, dark on light, with a capital height of 24-30 px,
1.5 pitches of white margin left and right, image height ~2x the capital height, softly blurred
edges (a binarised line in a real cut still has grey edges), and a .box with the tight ink box as
make_lines.py writes it. Training lines also get VARIANTS augmented copies (lower source
resolution, blur, JPEG, noise, contrast, background tint) so the model learns the glyphs, not
these particular pixels.

Kept: text of 30, 36 or 44 characters of A-Z0-9<, whose ink width per character is plausible for
its height (a partial or wrong ground truth gives an odd pitch). Held out: stems whose seeded hash
falls in the first EVAL_PERCENT of 100 buckets, the same stems every run.

Usage: prep_real.py SRC TRAIN_OUT EVAL_OUT SEED [VARIANTS] [EVAL_PERCENT]
Prints: kept dropped_length dropped_pitch train_lines train_images eval_lines
"""
import glob
import hashlib
import io
import os
import sys

import numpy as np
from PIL import Image, ImageFilter

from make_lines import sensor_noise_and_jpeg

CHARSET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
LENGTHS = (30, 36, 44)
# OCR-B pitch over capital height is ~1.0-1.12 in print; the crops' ink box spans (n-1) pitches
# plus one glyph. Wider bounds than print allows, since the crops' binarisation fattens or thins.
PITCH_RANGE = (0.7, 1.7)


def load(path):
    im = Image.open(path)
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im)
    a = np.asarray(im.convert("L"), np.float32)
    # dark on light: if the border is darker than the middle, the crop is inverted
    border = np.concatenate([a[0], a[-1], a[:, 0], a[:, -1]])
    if border.mean() < 128:
        a = 255.0 - a
    return a


def ink_box(a, t=128):
    rows = np.where((a < t).any(1))[0]
    cols = np.where((a < t).any(0))[0]
    if len(rows) == 0 or len(cols) == 0:
        return None
    return cols[0], rows[0], cols[-1] + 1, rows[-1] + 1


def cap_height(a, box):
    """Capital height: the band of rows where most columns with ink have it (ignores the odd
    stray pixel or descender-like noise above and below)."""
    x1, y1, x2, y2 = box
    ink = a[y1:y2, x1:x2] < 128
    prof = ink.sum(1)
    if prof.max() == 0:
        return y2 - y1
    rows = np.where(prof >= 0.15 * prof.max())[0]
    return rows[-1] - rows[0] + 1


def normalise(a, box, n, rng, cap_target, blur, jitter=True):
    """Crops to the ink, scales to `cap_target`, pads like the cutter; returns (image, box)."""
    x1, y1, x2, y2 = box
    line = a[y1:y2, x1:x2]
    cap = cap_height(a, box)
    f = cap_target / float(cap)
    w = max(1, int(round(line.shape[1] * f)))
    h = max(1, int(round(line.shape[0] * f)))
    im = Image.fromarray(line.astype(np.uint8)).resize((w, h), Image.LANCZOS)
    pitch = w / float(n)
    mx = 1.5 * pitch + (rng.uniform(-0.25, 0.25) * pitch if jitter else 0)
    out_h = int(round(cap_target * (rng.uniform(1.6, 2.1) if jitter else 1.9)))
    out_h = max(out_h, h + 4)
    out_w = int(round(w + 2 * mx))
    page = Image.new("L", (out_w, out_h), 255)
    left = int(round(mx))
    top = (out_h - h) // 2 + (int(round(rng.uniform(-0.08, 0.08) * cap_target)) if jitter else 0)
    top = min(max(top, 0), out_h - h)
    page.paste(im, (left, top))
    if blur > 0:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    bx = (left, out_h - (top + h), left + w, out_h - top)  # Tesseract: origin bottom left
    return page, bx


def augment(page, rng):
    """One real-world variant: lower source resolution, blur, background, noise, JPEG, contrast."""
    w, h = page.size
    a = np.asarray(page, np.float32)
    # paper tint and uneven light, ink not quite black
    bg = rng.uniform(170, 250) + rng.uniform(-30, 30) * (np.arange(w)[None, :] / w - 0.5)
    ink_level = rng.uniform(0, 90)
    cov = 1.0 - a / 255.0
    a = bg * (1 - cov) + ink_level * cov
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    # the line was once printed or photographed smaller: down to a capital height of ~7-24 px, back up
    if rng.random_sample() < 0.7:
        s = rng.uniform(0.25, 0.85)
        im = im.resize((max(8, int(w * s)), max(4, int(h * s))), Image.BOX)
        if rng.random_sample() < 0.5:
            im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.8)))
        im = im.resize((w, h), Image.BICUBIC if rng.random_sample() < 0.6 else Image.BILINEAR)
    elif rng.random_sample() < 0.6:
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.5)))
    im = sensor_noise_and_jpeg(im, rng, noise=10, jpeg_share=0.7, lowest_quality=25)
    # contrast: stretched like the cutter, sometimes left flat
    a = np.asarray(im, np.float32)
    if rng.random_sample() < 0.7:
        lo, hi = np.percentile(a, 2), np.percentile(a, 98)
        a = np.clip((a - lo) * 255.0 / max(hi - lo, 1), 0, 255)
    return Image.fromarray(a.astype(np.uint8))


def write(base, img, text, box):
    img.save(base + ".png")
    with open(base + ".gt.txt", "w") as fh:
        fh.write(text + "\n")
    l, b, r, t = box
    with open(base + ".box", "w") as fh:
        for ch in text:
            fh.write("%s %d %d %d %d 0\n" % (ch, l, b, r, t))
        fh.write("\t %d %d %d %d 0\n" % (l, b, r, t))


def held_out(stem, seed, percent):
    h = hashlib.sha1(("%d:%s" % (seed, stem)).encode()).digest()
    return int.from_bytes(h[:4], "big") % 100 < percent


def main():
    src, train_out, eval_out, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    variants = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    percent = int(sys.argv[6]) if len(sys.argv) > 6 else 10
    os.makedirs(train_out, exist_ok=True)
    os.makedirs(eval_out, exist_ok=True)
    rng = np.random.RandomState(seed)
    kept = bad_len = bad_pitch = n_train = n_img = n_eval = 0
    for tif in sorted(glob.glob(os.path.join(src, "*.tif"))):
        stem = os.path.basename(tif)[:-4]
        gt = tif[:-4] + ".gt.txt"
        if not os.path.exists(gt):
            continue
        text = "".join(open(gt).read().split())
        if len(text) not in LENGTHS or not set(text) <= CHARSET:
            bad_len += 1
            continue
        a = load(tif)
        box = ink_box(a)
        if box is None:
            bad_pitch += 1
            continue
        cap = cap_height(a, box)
        ratio = (box[2] - box[0]) / float(len(text) * cap)
        if not PITCH_RANGE[0] <= ratio <= PITCH_RANGE[1] or cap < 6:
            bad_pitch += 1
            continue
        kept += 1
        if held_out(stem, seed, percent):
            # held out: one plain normalisation at the cutter's capital height
            img, bx = normalise(a, box, len(text), rng, 24.0, 0.6, jitter=False)
            write(os.path.join(eval_out, "real_" + stem), img, text, bx)
            n_eval += 1
            continue
        n_train += 1
        img, bx = normalise(a, box, len(text), rng, rng.uniform(24, 30), rng.uniform(0.4, 0.9))
        write(os.path.join(train_out, "real_%s_0" % stem), img, text, bx)
        n_img += 1
        for v in range(1, variants + 1):
            img, bx = normalise(a, box, len(text), rng, rng.uniform(24, 30), rng.uniform(0, 0.8))
            write(os.path.join(train_out, "real_%s_%d" % (stem, v)), augment(img, rng), text, bx)
            n_img += 1
    print(kept, bad_len, bad_pitch, n_train, n_img, n_eval)


if __name__ == "__main__":
    main()
