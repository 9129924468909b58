#!/usr/bin/env python3
"""Seeded generator of synthetic MRZ line images for training docguard's Tesseract model.

Writes, for each line, NAME.png (greyscale), NAME.gt.txt (the text) and NAME.box (one box
per character, each the tight box around the line's ink, as Tesseract's PSM 7 crops), so that
`tesseract NAME.png NAME --psm 13 lstm.train` makes NAME.lstmf.

The images imitate what docguard's MRZ locator hands to Tesseract: one upright line, capital
height ~30 px, image height ~2x the character height with the line centred (fragments of the
neighbouring MRZ line may show at the top or bottom), character pitch ~1.06x the character
height, 1.5 pitches of margin left and right, contrast stretched 2 %..98 %. Before
normalisation the line is rendered at a low resolution (characters 9-40 px high, a fifth of the
lines 6.5-12 px as in web copies) with what real prints and scans show: letter-spacing from
tight to wide (0.9-1.35x), pitch changing along the line (perspective/keystone), bolder and
thinner strokes, tinted guilloche and uneven light behind the text, glare (a bright soft spot
washing out part of the line), lamination and print faults (scratches, faded bands, a
holographic sheen), broken strokes, blur, sensor noise, slight rotation, JPEG artefacts, and on
some lines binarisation.

Usage: make_lines.py OUTDIR COUNT SEED [PREFIX]
"""
import io
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_PATH = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
# MRZ_LINE_FONTS="PATH:WEIGHT,PATH:WEIGHT" draws each line's font from these (other OCR-B cuts and weights,
# and the sans and mono faces some card printers use for the zone); unset, every line is OCR-B regular and
# the random draws are exactly those of a run without the setting.
LINE_FONTS = [(entry.rsplit(":", 1)[0], float(entry.rsplit(":", 1)[1]))
              for entry in os.environ.get("MRZ_LINE_FONTS", "").split(",") if entry]
CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
ALNUM = LETTERS + DIGITS

SURNAMES = """ERIKSSON MUSTERMANN SMITH NGUYEN GARCIA MUELLER OCONNOR VANDERBERG DUPONT ROSSI
KOWALSKI IVANOVA PAPADOPOULOS ZHANG WANG KIM YAMAMOTO SILVA SANTOS FERNANDEZ JOHANSSON
HANSEN NIELSEN VIRTANEN MARTIN BERNARD PETROV QUINTERO XAVIER YILMAZ OZTURK ABDULLAH
HAKIMI BJORKLUND WOJCIK JAKOBSEN DEJONG VLIEGEN KRAUSE ZIMMERMANN OKONKWO ADEYEMI
GUTIERREZ CHAVEZ QUEK JOVANOVIC HORVATH NOVAK DVORAK STOJANOVIC LEFEBVRE MOREAU FOX
VOGEL SCHWARZ WEISS ZHOU QIAN XU LIU OYELOWO MBEKI TRAORE DIALLO KEITA PHAM TRAN LE
BAPTISTE DASILVA VASQUEZ MACKENZIE OBRIEN FITZGERALD EVANS WILLIAMS JONES TAYLOR""".split()
GIVEN = """ANNA MARIA ERIKA JOHN PETER HANS KLAUS SOFIA LUCIA MIGUEL JOSE AHMED FATIMA YUKI
HIROSHI WEI MING OLGA IVAN DMITRI ZOE QUENTIN XAVIER YVES URSULA VIKTOR BJORN INGRID
OSKAR EMIL JUAN CARLOS LUIS PEDRO AMELIE CHLOE NOAH LIAM ELIJAH ZARA KWAME ADAEZE
OLUWASEUN THANH HUONG MINH JAKUB ZOFIA GRZEGORZ TOMAS JAN PIETER WILLEM GEORGE JAMES""".split()
COUNTRIES = """UTO D<< GBR USA FRA NLD BEL ESP ITA PRT POL CZE SVK HUN AUT CHE SWE NOR DNK FIN
IRL CAN AUS NZL JPN KOR CHN IND BRA ARG MEX ZAF NGA EGY TUR GRC ROU BGR HRV SRB UKR
RUS KAZ ISR SAU ARE QAT KWT IRN IRQ PAK BGD VNM THA MYS SGP IDN PHL XXA XXB XXC XXX
EUE UNO GHA KEN ETH MAR TUN DZA LUX ISL EST LVA LTU SVN MLT CYP""".split()

WEIGHTS = (7, 3, 1)


def check_digit(s):
    total = 0
    for i, ch in enumerate(s):
        if ch.isdigit():
            v = int(ch)
        elif ch.isalpha():
            v = ord(ch) - 55
        else:
            v = 0
        total += v * WEIGHTS[i % 3]
    return str(total % 10)


class Content:
    """Random MRZ lines with the structure of the ICAO 9303 formats."""

    def __init__(self, rng):
        self.r = rng

    def country(self):
        r = self.r
        if r.random() < 0.7:
            return r.choice(COUNTRIES)
        return "".join(r.choice(LETTERS) for _ in range(3))

    def date(self):
        r = self.r
        return "%02d%02d%02d" % (r.randint(0, 99), r.randint(1, 12), r.randint(1, 31))

    def sex(self):
        return self.r.choice("MMMFFF<X")

    def word(self, pool):
        r = self.r
        if r.random() < 0.75:
            return r.choice(pool)
        return "".join(r.choice(LETTERS) for _ in range(r.randint(2, 12)))

    def names(self, width):
        r = self.r
        sur = [self.word(SURNAMES) for _ in range(r.choice((1, 1, 1, 2, 3)))]
        given = [self.word(GIVEN) for _ in range(r.choice((0, 1, 1, 2, 2, 3)))]
        s = "<".join(sur)
        if given:
            s += "<<" + "<".join(given)
        if len(s) > width:
            s = s[:width]  # truncated names are legal in the MRZ
        return s.ljust(width, "<")

    def repeats(self, s, share=0.3):
        """With probability `share`, one character of `s` becomes a run of two or three of itself
        (keeping the length): doubled characters such as 55 or 000 are where an undertrained line
        recogniser collapses two characters into one."""
        r = self.r
        if len(s) < 3 or r.random() >= share:
            return s
        i = r.randrange(len(s) - 2)
        n = r.choice((2, 2, 3))
        return s[:i] + s[i] * n + s[i + n:]

    def docnum(self):
        r = self.r
        n = r.randint(6, 9)
        if r.random() < 0.5:
            s = "".join(r.choice(DIGITS) for _ in range(n))
        else:
            s = "".join(r.choice(ALNUM) for _ in range(n))
        return self.repeats(s).ljust(9, "<")

    def optional(self, width):
        r = self.r
        u = r.random()
        if u < 0.45:
            return "<" * width
        n = r.randint(1, width)
        pool = DIGITS if u < 0.7 else ALNUM
        s = self.repeats("".join(r.choice(pool) for _ in range(n)))
        if r.random() < 0.3:  # optional data with inner fillers
            s = "<".join(s[i:i + 3] for i in range(0, len(s), 3))[:width]
        return s.ljust(width, "<")

    def doc_code(self, first):
        r = self.r
        second = r.choice("<<<<<" + "DPRSOEACIV" + LETTERS)
        return first + second

    def td3(self):
        code = self.doc_code(self.r.choice("PPPPV"))
        l1 = code + self.country() + self.names(39)
        dn = self.docnum()
        birth, exp = self.date(), self.date()
        opt = self.optional(14)
        optcd = "<" if opt == "<" * 14 and self.r.random() < 0.5 else check_digit(opt)
        l2 = dn + check_digit(dn) + self.country() + birth + check_digit(birth) + self.sex() \
            + exp + check_digit(exp) + opt + optcd
        l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:43])
        if code[0] == "V":  # MRV-A has no composite digit; optional data fills 16
            l2 = l2[:28] + self.optional(16)
        return [l1, l2]

    def td2(self):
        code = self.doc_code(self.r.choice("IACV"))
        l1 = code + self.country() + self.names(31)
        dn = self.docnum()
        birth, exp = self.date(), self.date()
        l2 = dn + check_digit(dn) + self.country() + birth + check_digit(birth) + self.sex() \
            + exp + check_digit(exp) + self.optional(7)
        if code[0] == "V":
            l2 = l2[:28] + self.optional(8)
        else:
            l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:35])
        return [l1, l2]

    def td1(self):
        code = self.doc_code(self.r.choice("IACI"))
        dn = self.docnum()
        l1 = code + self.country() + dn + check_digit(dn) + self.optional(15)
        birth, exp = self.date(), self.date()
        l2 = birth + check_digit(birth) + self.sex() + exp + check_digit(exp) + self.country() \
            + self.optional(11)
        l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
        l3 = self.names(30)
        return [l1, l2, l3]

    def random_line(self, width):
        """Uniform random characters, so that rare characters appear often enough."""
        r = self.r
        return self.repeats(self.repeats("".join(r.choice(CHARSET) for _ in range(width)), 0.6), 0.6)

    def document(self):
        u = self.r.random()
        if u < 0.40:
            return self.td3()
        if u < 0.65:
            return self.td1()
        if u < 0.90:
            return self.td2()
        w = self.r.choice((30, 36, 44))
        n = 3 if w == 30 else 2
        return [self.random_line(w) for _ in range(n)]


_FONTS = {}


def font(size, path=FONT_PATH):
    f = _FONTS.get((path, size))
    if f is None:
        f = _FONTS[(path, size)] = ImageFont.truetype(path, size)
    return f


def line_font_path(rng):
    """The font of one line: OCR-B regular, or one of LINE_FONTS by weight (one draw only when set)."""
    if not LINE_FONTS:
        return FONT_PATH
    total = sum(weight for _, weight in LINE_FONTS)
    u = rng.uniform(0, total)
    for path, weight in LINE_FONTS:
        u -= weight
        if u <= 0:
            return path
    return LINE_FONTS[-1][0]


def guilloche(rng, w, h, draw_scale):
    """Light tinted security-print background (greyscale), values ~150..255."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    bg = np.full((h, w), rng.uniform(200, 250), np.float32)
    # uneven light: a smooth gradient plus a broad blob
    gx, gy = rng.uniform(-40, 40), rng.uniform(-40, 40)
    bg += gx * (xx / w - 0.5) + gy * (yy / h - 0.5)
    cx, cy, rad = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.3, 1.2) * w
    bg += rng.uniform(-35, 25) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (rad * rad))
    if rng.random() < 0.85:
        # guilloche: sums of sinusoids drawn as thin line families
        for _ in range(rng.randint(1, 3)):
            f1 = rng.uniform(0.01, 0.08) / draw_scale
            f2 = rng.uniform(0.005, 0.05) / draw_scale
            amp = rng.uniform(3, 25) * draw_scale
            period = rng.uniform(4, 14) * draw_scale
            ph = rng.uniform(0, 6.3)
            field = yy + amp * np.sin(f1 * xx + ph) + 0.5 * amp * np.sin(f2 * xx * 2.3 + ph * 1.7)
            if rng.random() < 0.5:
                field = field + rng.uniform(-0.6, 0.6) * xx
            phase = (field % period) / period
            width = rng.uniform(0.08, 0.3)
            lines = np.clip(1.0 - np.abs(phase - 0.5) / (width / 2), 0, 1)
            bg -= rng.uniform(15, 70) * lines
    if rng.random() < 0.3:
        # fine printed dot/texture pattern
        bg -= rng.uniform(5, 25) * (np.asarray(rng.random_sample((h, w))) > 0.85)
    return bg


def render_text(rng, text, cap, pitch, scale, taper=0.0, stroke=0.0):
    """Coverage mask (float 0..1) of `text` with cap height `cap` at `scale`x oversampling.
    `taper`: the pitch grows linearly along the line from (1 - taper/2)x to (1 + taper/2)x, as a
    line seen at a slant (keystone) shows; `stroke`: extra stroke width (bold print) as a share of
    the font size."""
    size = int(round(cap * scale / 0.73))
    path = line_font_path(rng)
    f = font(size, path)
    # OCR-B is drawn from each cell's left edge as before; another face's glyphs are centred in their cells,
    # as a printer setting a proportional face at the MRZ's fixed pitch does.
    centred = path != FONT_PATH
    p = pitch * scale
    n = len(text)
    w = int(math.ceil(p * n * (1 + abs(taper)) + size))
    h = int(math.ceil(size * 1.4))
    im = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(im)
    jitter = rng.uniform(0, 0.04) * p
    jy = rng.uniform(0, 0.03) * cap * scale
    sw = int(round(stroke * size))
    x0 = 0.0
    for i, ch in enumerate(text):
        x = x0 + rng.normal(0, jitter) if jitter else x0
        y = rng.normal(0, jy) if jy else 0
        if centred:
            x += (p - f.getlength(ch)) / 2 - (p - f.getlength("0")) / 2
        d.text((x, y), ch, fill=255, font=f, stroke_width=sw, stroke_fill=255)
        x0 += p * (1 + taper * ((i + 0.5) / n - 0.5))
    return im, size


def sensor_noise_and_jpeg(im, rng, noise, jpeg_share, lowest_quality):
    """Grey image `im` with Gaussian sensor noise (sigma up to `noise`) and, on `jpeg_share` of the calls,
    a JPEG round trip at quality `lowest_quality`..90. The random draws are always made in the same order."""
    a = np.asarray(im, np.float32)
    a = a + rng.normal(0, rng.uniform(0, noise), a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random_sample() < jpeg_share:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=int(rng.randint(lowest_quality, 91)))
        buf.seek(0)
        im = Image.open(buf).convert("L")
    return im


def glare(rng, img, w, h):
    """A bright soft spot (light reflected off a laminate) washing out part of the line."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(-0.3, 1.3) * h
    rx, ry = rng.uniform(0.05, 0.3) * w, rng.uniform(0.3, 1.5) * h
    m = rng.uniform(0.35, 0.85) * np.exp(-((xx - cx) / rx) ** 2 - ((yy - cy) / ry) ** 2)
    return img * (1 - m) + rng.uniform(235, 255) * m


def print_faults(rng, img, ink, bg, w, h, scale):
    """Lamination and print faults: scratches, a faded band of ink, or a holographic sheen."""
    u = rng.random_sample()
    if u < 0.35:  # scratches in the laminate: thin bright or dark lines across the text
        sc = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(sc)
        for _ in range(rng.randint(1, 4)):
            x1, y1 = rng.uniform(0, w), rng.uniform(0, h)
            ang = rng.uniform(-0.5, 0.5) if rng.random_sample() < 0.7 else rng.uniform(0, math.pi)
            ln = rng.uniform(0.1, 0.6) * w
            d.line((x1, y1, x1 + ln * math.cos(ang), y1 + ln * math.sin(ang)), fill=255,
                   width=int(rng.randint(1, 2 * scale + 1)))
        m = np.asarray(sc, np.float32) / 255.0 * rng.uniform(0.3, 0.8)
        level = rng.uniform(200, 255) if rng.random_sample() < 0.6 else rng.uniform(40, 120)
        return img * (1 - m) + level * m
    if u < 0.7:  # faded band: a print-head stripe or worn area where the ink is weak
        if rng.random_sample() < 0.6:
            c, half = rng.uniform(0, w), rng.uniform(0.03, 0.2) * w
            prof = np.clip(1 - np.abs(np.arange(w) - c) / half, 0, 1)[None, :]
        else:
            c, half = rng.uniform(0, h), rng.uniform(0.1, 0.3) * h
            prof = np.clip(1 - np.abs(np.arange(h) - c) / half, 0, 1)[:, None]
        fade = np.minimum(1.0, 1.5 * prof) * rng.uniform(0.4, 0.8)
        ink_f = ink * (1 - fade)
        return img + (img - bg) * (ink_f / np.maximum(ink, 1e-3) - 1) * (ink > 0)
    # holographic sheen: low, slanted stripes over ink and paper alike
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(6, 30) * scale
    t = rng.uniform(-1.2, 1.2)
    s = np.sin(2 * math.pi * (xx + t * yy) / period + rng.uniform(0, 6.3))
    return img + rng.uniform(10, 40) * s * (0.5 + 0.5 * np.sin(xx / w * rng.uniform(1, 6)))


class Maker:
    def __init__(self, seed):
        self.rng = np.random.RandomState(seed)
        self.pyr = random.Random(seed)
        self.content = Content(self.pyr)

    def make(self, text, above, below):
        rng = self.rng
        # source resolution: character height in the scan
        if rng.random_sample() < 0.2:  # web copies: capitals only 6.5-12 px high
            cap = float(np.exp(rng.uniform(np.log(6.5), np.log(12))))
        else:
            cap = float(np.exp(rng.uniform(np.log(9), np.log(40))))
        pitch = cap * rng.uniform(1.0, 1.12)
        if rng.random_sample() < 0.5:  # letter-spacing of real prints: tight to wide
            pitch *= rng.uniform(0.9, 1.35) / 1.06
        taper = rng.uniform(-0.08, 0.08) if rng.random_sample() < 0.3 else 0.0
        u_stroke = rng.random_sample()
        stroke = rng.uniform(0.02, 0.05) if u_stroke < 0.15 else 0.0
        line_pitch = cap * rng.uniform(1.3, 1.9)
        # oversampling for rendering, then area-downsample to the scan resolution
        os_ = int(min(3, max(1, round(48.0 / cap))))
        page_w = int(math.ceil(pitch * (len(text) + 5)))
        page_h = int(math.ceil(line_pitch * 2 + cap * 1.6))
        W, H = page_w * os_, page_h * os_
        ink = np.zeros((H, W), np.float32)
        cy = H / 2.0
        x0 = 2.5 * pitch * os_ + rng.uniform(-0.3, 0.3) * pitch * os_
        for txt, dy in ((text, 0.0), (above, -line_pitch), (below, line_pitch)):
            if not txt:
                continue
            im, size = render_text(rng, txt, cap, pitch, os_, taper, stroke)
            a = np.asarray(im, np.float32) / 255.0
            # glyph top of capitals is at ~0.23*size; centre of capital = 0.23+0.365
            top = int(round(cy + dy * os_ - 0.595 * size))
            left = int(round(x0 + rng.uniform(-0.5, 0.5) * pitch * os_ * (dy != 0)))
            y1, x1 = max(top, 0), max(left, 0)
            y2, x2 = min(top + a.shape[0], H), min(left + a.shape[1], W)
            if y2 > y1 and x2 > x1:
                ink[y1:y2, x1:x2] = np.maximum(ink[y1:y2, x1:x2],
                                               a[y1 - top:y2 - top, x1 - left:x2 - left])
            if dy == 0:  # ink bounding box of the line itself, oversampled page coordinates
                rows = np.where(a.max(1) > 0.3)[0]
                cols = np.where(a.max(0) > 0.3)[0]
                main_box = (left + cols[0], top + rows[0], left + cols[-1] + 1, top + rows[-1] + 1)
        # stroke weight: ink spread or thin print (at oversampled resolution)
        inkim = Image.fromarray((ink * 255).astype(np.uint8))
        u = rng.random_sample()
        if stroke > 0:
            pass  # already bold
        elif u < 0.3:
            k = 3 if rng.random_sample() < 0.6 else 5
            inkim = inkim.filter(ImageFilter.MaxFilter(k))
        elif u < 0.5:
            inkim = inkim.filter(ImageFilter.MinFilter(3))
        elif u < 0.6 and os_ * cap >= 24:  # thin print: strokes well under a tenth of the height
            inkim = inkim.filter(ImageFilter.MinFilter(5))
        ink = np.asarray(inkim, np.float32) / 255.0
        # broken strokes / worn print
        if rng.random_sample() < 0.25:
            holes = Image.fromarray((rng.random_sample((H // 4 + 1, W // 4 + 1)) < rng.uniform(0.03, 0.15)).astype(np.uint8) * 255)
            holes = holes.resize((W, H), Image.BILINEAR)
            ink = ink * (1.0 - 0.9 * np.asarray(holes, np.float32)[:H, :W] / 255.0)
        # paper / security background and ink colour
        bg = guilloche(rng, W, H, os_)
        ink_level = rng.uniform(0, 70)
        if rng.random_sample() < 0.15:  # laser-engraved polycarbonate: grey, soft
            ink_level = rng.uniform(40, 110)
        img = bg * (1 - ink) + ink_level * ink
        if rng.random_sample() < 0.15:
            img = print_faults(rng, img, ink, bg, W, H, os_)
        if rng.random_sample() < 0.15:
            img = glare(rng, img, W, H)
        page = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
        # slight residual rotation
        ang = rng.uniform(-1.0, 1.0)
        page = page.rotate(ang, resample=Image.BILINEAR, fillcolor=int(np.median(bg)))
        # down to scan resolution (the sensor integrates over pixels)
        page = page.resize((page_w, page_h), Image.BOX)
        if rng.random_sample() < 0.7:
            page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.1)))
        page = sensor_noise_and_jpeg(page, rng, noise=9, jpeg_share=0.85, lowest_quality=30)
        # crop as the locator does: 1.5 pitches of margin, height ~2x character height
        left = x0 / os_ - 1.5 * pitch + rng.uniform(-0.25, 0.25) * pitch
        right = x0 / os_ + len(text) * pitch + 1.5 * pitch + rng.uniform(-0.25, 0.25) * pitch
        hh = cap * rng.uniform(1.5, 2.0)
        ccy = page_h / 2.0 + rng.uniform(-0.08, 0.08) * cap
        box = (left, ccy - hh / 2, right, ccy + hh / 2)
        # normalise: capital height ~30 px
        target_cap = rng.uniform(27, 33)
        f = target_cap / cap
        out_w = int(round((right - left) * f))
        out_h = int(round(hh * f))
        resample = Image.BICUBIC if rng.random_sample() < 0.6 else Image.BILINEAR
        line = page.transform((out_w, out_h), Image.EXTENT, box, resample=resample)
        a = np.asarray(line, np.float32)
        lo, hi = np.percentile(a, 2), np.percentile(a, 98)
        if hi - lo < 1:
            hi = lo + 1
        a = np.clip((a - lo) * 255.0 / (hi - lo), 0, 255)
        if rng.random_sample() < 0.15:  # binarised somewhere upstream
            t = rng.uniform(0.4, 0.6) * 255
            a = np.where(a > t, 255.0, 0.0)
            if rng.random_sample() < 0.5:
                a = np.asarray(Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7)), np.float32)
        # Text box in output pixels: the rotated ink box mapped through crop and scale.
        # Tesseract's PSM 7 crops the line to its blobs (plus a few pixels), and lstm.train
        # crops training lines to the union of the .box boxes, so the box must be this tight
        # box (jittered a little), not the whole image.
        ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
        xs, ys = [], []
        for (px, py) in ((main_box[0], main_box[1]), (main_box[2], main_box[1]),
                         (main_box[0], main_box[3]), (main_box[2], main_box[3])):
            dx, dy = px - W / 2.0, py - H / 2.0
            xs.append((W / 2.0 + dx * ca + dy * sa) / os_)
            ys.append((H / 2.0 - dx * sa + dy * ca) / os_)
        bx1 = (min(xs) - left) * f + rng.uniform(-2, 1)
        bx2 = (max(xs) - left) * f + rng.uniform(-1, 2)
        by1 = (min(ys) - (ccy - hh / 2)) * f + rng.uniform(-3, 1)
        by2 = (max(ys) - (ccy - hh / 2)) * f + rng.uniform(-1, 3)
        bx1, by1 = max(0, int(bx1)), max(0, int(by1))
        bx2, by2 = min(out_w, int(math.ceil(bx2))), min(out_h, int(math.ceil(by2)))
        self.last_box = (bx1, out_h - by2, bx2, out_h - by1)  # Tesseract: origin bottom left
        return Image.fromarray(a.astype(np.uint8))

    def lines(self, count):
        """Yields (text, above, below) for `count` lines."""
        made = 0
        while made < count:
            doc = self.content.document()
            for i, t in enumerate(doc):
                if made >= count:
                    return
                # a document line only appears in the data with probability ~0.6 so lines
                # of one document are not all consecutive duplicates in format
                if self.pyr.random() < 0.4 and len(doc) > 1:
                    continue
                above = doc[i - 1] if i > 0 else ""
                below = doc[i + 1] if i + 1 < len(doc) else ""
                yield t, above, below
                made += 1


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    prefix = sys.argv[4] if len(sys.argv) > 4 else "mrz"
    os.makedirs(out, exist_ok=True)
    m = Maker(seed)
    for n, (text, above, below) in enumerate(m.lines(count)):
        img = m.make(text, above, below)
        base = os.path.join(out, "%s_%05d" % (prefix, n))
        img.save(base + ".png")
        with open(base + ".gt.txt", "w") as fh:
            fh.write(text + "\n")
        l, b, r, t = m.last_box
        with open(base + ".box", "w") as fh:
            for ch in text:
                fh.write("%s %d %d %d %d 0\n" % (ch, l, b, r, t))
            fh.write("\t %d %d %d %d 0\n" % (l, b, r, t))


if __name__ == "__main__":
    main()
