#!/usr/bin/env python3
"""Independent page renderer (Pillow, not docguard's own Swift/FreeType synth) for cross-checking the
reader on scans it was not tuned on. Writes NAME.png/.jpg with docguard.truth/1 JSON beside each.

usage: python3 render.py OUT_DIR [--count N] [--seed S]
"""
import argparse, io, json, os, random
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
WEIGHTS = (7, 3, 1)
SHAPES = {"TD1": (3, 30, 85.6, 54.0), "TD2": (2, 36, 105.0, 74.0), "TD3": (2, 44, 125.0, 88.0)}
STATES = ["UTO", "D<<", "FRA", "NLD", "GBR", "USA", "CAN", "ESP", "ITA", "POL", "UKR", "JPN", "BRA", "ZAF"]
NAMES = ["ERIKSSON", "MUSTERMANN", "GARCIA<LOPEZ", "NGUYEN", "OKAFOR", "SILVA", "KOWALSKI", "TANAKA"]
GIVEN = ["ANNA<MARIA", "ERIKA", "JOSE", "LI", "JEAN<PIERRE", "AISHA", "TOMASZ", "YUKI<HANA"]


def value(c):
    return 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55


def check(s):
    return str(sum(value(c) * WEIGHTS[i % 3] for i, c in enumerate(s)) % 10)


def pad(s, n):
    return (s + "<" * n)[:n]


def mrz(fmt, r):
    state, nat = r.choice(STATES), r.choice(STATES)
    number = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(r.randint(7, 9)))
    birth = f"{r.randint(40, 99):02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
    expiry = f"{r.randint(25, 35):02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
    sex = r.choice("MF<")
    name = r.choice(NAMES) + "<<" + r.choice(GIVEN)
    doc = pad(number, 9)
    if fmt == "TD3":
        personal = pad("".join(r.choice("0123456789") for _ in range(r.choice([0, 8]))), 14)
        l1 = pad("P<" + state + name, 44)
        body = doc + check(doc) + nat + birth + check(birth) + sex + expiry + check(expiry) + personal
        body += check(personal) if personal.strip("<") else "<"
        comp = doc + check(doc) + birth + check(birth) + expiry + check(expiry) + body[28:43]
        return [l1, body + check(comp)]
    if fmt == "TD2":
        l1 = pad("I<" + state + name, 36)
        body = doc + check(doc) + nat + birth + check(birth) + sex + expiry + check(expiry) + "<<<<<<<"
        comp = doc + check(doc) + birth + check(birth) + expiry + check(expiry) + "<<<<<<<"
        return [l1, body + check(comp)]
    l1 = "I<" + state + doc + check(doc) + "<" * 15
    l2 = birth + check(birth) + sex + expiry + check(expiry) + nat + "<" * 11
    comp = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    return [l1, l2 + check(comp), pad(name, 30)]


def render(fmt, r, dpi):
    lines_n, length, w_mm, h_mm = SHAPES[fmt]
    mm = dpi / 25.4
    card = Image.new("RGB", (int(w_mm * mm), int(h_mm * mm)), tuple(r.randint(215, 245) for _ in range(3)))
    d = ImageDraw.Draw(card)
    tint = tuple(r.randint(150, 215) for _ in range(3))
    step = max(2, int(r.uniform(1.0, 2.5) * mm))
    for i in range(-card.height, card.width, step):
        d.line([(i, 0), (i + card.height, card.height)], fill=tint, width=1)
    d.rectangle([4 * mm, 8 * mm, 4 * mm + w_mm * 0.25 * mm, 8 * mm + h_mm * 0.45 * mm], fill=(150, 140, 135))
    viz = ImageFont.truetype(FONT, max(8, int(2.6 * mm)))
    for k, text in enumerate(["PASSPORT UTOPIA", "SURNAME", "ERIKSSON", "GIVEN NAMES", "ANNA MARIA", "12 AUG 1974"]):
        d.text((w_mm * 0.35 * mm, (6 + k * 5) * mm), text, font=viz, fill=(40, 40, 80))
    lines = mrz(fmt, r)
    font = ImageFont.truetype(FONT, int(r.uniform(3.3, 3.7) * mm))
    top = h_mm * mm - (lines_n * 4.3 + 3.5) * mm
    for k, text in enumerate(lines):
        for c, ch in enumerate(text):
            d.text((4.5 * mm + c * 2.54 * mm, top + k * 4.3 * mm), ch, font=font, fill=(15, 15, 25))
    bed = Image.new("RGB", (int(card.width * r.uniform(1.15, 1.4)), int(card.height * r.uniform(1.15, 1.4))),
                    (248, 248, 246))
    bed.paste(card, (r.randint(0, bed.width - card.width), r.randint(0, bed.height - card.height)))
    return bed, lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.count):
        r = random.Random(args.seed * 100003 + i)
        fmt = ["TD1", "TD2", "TD3"][i % 3]
        degradations = []
        dpi = r.choice([150, 200, 300])
        if r.random() < 0.2:
            dpi, degradations = r.randint(100, 130), ["low_dpi"]
        page, lines = render(fmt, r, dpi)
        skew = r.uniform(-1.5, 1.5)
        if r.random() < 0.35:
            skew = r.choice([-1, 1]) * r.uniform(3, 10)
            degradations.append("skew")
        page = page.rotate(-skew, resample=Image.BICUBIC, fillcolor=(248, 248, 246), expand=True)
        rotation = r.choice([0, 0, 90, 180, 270])
        if rotation:
            page = page.rotate(-rotation, expand=True)
            degradations.append(f"rot{rotation}")
        if r.random() < 0.25:
            page = page.filter(ImageFilter.GaussianBlur(r.uniform(0.6, 1.3) * dpi / 150))
            degradations.append("blur")
        name = f"{i + 1:04d}"
        if r.random() < 0.3:
            buffer = io.BytesIO()
            page.save(buffer, "JPEG", quality=r.randint(35, 70))
            open(os.path.join(args.out, name + ".jpg"), "wb").write(buffer.getvalue())
            degradations.append("jpeg")
        else:
            page.save(os.path.join(args.out, name + ".png"))
        truth = {"schema": "docguard.truth/1", "format": fmt, "lines": lines, "degradations": sorted(degradations),
                 "dpi": dpi, "rotation": rotation, "skewDegrees": round(skew, 2)}
        with open(os.path.join(args.out, name + ".json"), "w") as f:
            json.dump(truth, f, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
