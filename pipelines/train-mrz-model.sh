#!/usr/bin/env bash
# Trains docguard's MRZ OCR model and writes Models/mrz.traineddata, then scores it and Debian's
# `eng` on held-out line images never used in training. By default it continues from the shipped
# model's float checkpoint (Models/training/mrz.checkpoint, then updated too), so a run never starts
# below the shipped model; FROM_SCRATCH=1 trains a new network from nothing (an hour on two cores gives
# a weaker model than the shipped one: see Models/README.md).
#
#   pipelines/train-mrz-model.sh
#
# Training data, shuffled together: rendered MRZ lines (pipelines/training/make_lines.py) and the
# line crops docguard's own locator and cutter take from `docguard synth` scans
# (`docguard synth --line-crops`), so the model sees what it gets at run time. When
# ../shared/data/real-lines/ exists (real MRZ line crops, BSD-3; never committed), its lines are
# normalised to what the cutter gives the engine (pipelines/training/prep_real.py), each with a few
# augmented variants, and a fixed ~10 % of them (seeded split on the stem) is held out; without the
# folder the run says so and trains on synthetic lines only. The held-out set has each kind, from
# other seeds or stems, and is scored per kind (eval, eval-crops, eval-real).
#
# Knobs (environment): FROM_SCRATCH=1, TRAIN_LINES, EVAL_LINES, TRAIN_SEED, EVAL_SEED, CROP_SCANS, CROP_SEED,
# EVAL_CROP_SCANS, EVAL_CROP_SEED, KIND_CROP_SCANS, KIND_CROP_SEED, CROP_KINDS (line crops of scans of the
# real-world kinds: web copies, photos, CMYK prints, wide pitch), MAX_ITERATIONS,
# CONTINUE_FROM (checkpoint to continue), TARGET_ERROR (lstmtraining's --target_error_rate, percent), MAX_MINUTES (wall-clock cap on
# lstmtraining; SIGTERM then convert the last checkpoint), REUSE_DATA=1 (keep .training/data),
# MODEL_OUT (where the integer model goes; default Models/mrz.traineddata: write elsewhere to
# compare before replacing), SCORE_ENG=0 (skip scoring Debian's eng, which is slow),
# SCORE_SHIPPED=0 (skip scoring Models/mrz.traineddata on the same held-out sets),
# DOCGUARD (a built docguard binary to cut the crops with, instead of building one), REAL_LINES
# (folder of real line crops), REAL_SEED (split and augmentation seed), REAL_VARIANTS (augmented
# copies per real training line), REAL_REPEAT (times each real .lstmf is listed: oversampling),
# SNAPSHOT_MINUTES (how often the float checkpoint is kept as a candidate; the best on the held-out real
# lines is the model written).
# Work files live in .training/ (git-ignored). Training runs on one thread, niced, because the
# build machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

TRAIN_LINES=${TRAIN_LINES:-6000}
EVAL_LINES=${EVAL_LINES:-300}
TRAIN_SEED=${TRAIN_SEED:-1001}
EVAL_SEED=${EVAL_SEED:-9009}
CROP_SCANS=${CROP_SCANS:-2500}
CROP_SEED=${CROP_SEED:-4242}
EVAL_CROP_SCANS=${EVAL_CROP_SCANS:-150}
EVAL_CROP_SEED=${EVAL_CROP_SEED:-9191}
KIND_CROP_SCANS=${KIND_CROP_SCANS:-1500}
KIND_CROP_SEED=${KIND_CROP_SEED:-5353}
CROP_KINDS=${CROP_KINDS:-web_copy,photo,cmyk,wide_pitch}
MAX_ITERATIONS=${MAX_ITERATIONS:-200000}
TARGET_ERROR=${TARGET_ERROR:-0.01}
MAX_MINUTES=${MAX_MINUTES:-60}
MODEL_OUT=${MODEL_OUT:-Models/mrz.traineddata}
REAL_LINES=${REAL_LINES:-../shared/data/real-lines}
REAL_SEED=${REAL_SEED:-31}
REAL_VARIANTS=${REAL_VARIANTS:-4}
REAL_REPEAT=${REAL_REPEAT:-1}
SNAPSHOT_MINUTES=${SNAPSHOT_MINUTES:-4}
# Lines in other faces (stage 6 on): the other cuts and weights of fonts-ocr-b, and the sans and mono faces
# some card printers set the zone in (fonts-dejavu-core, fonts-liberation2, fonts-freefont-ttf), by weight.
FONT_LINES=${FONT_LINES:-0}
FONT_EVAL_LINES=${FONT_EVAL_LINES:-200}
FONT_SEED=${FONT_SEED:-7007}
OCRB_DIR=/usr/share/fonts/opentype/ocr-b
FONT_SET=${FONT_SET:-$OCRB_DIR/OCRBL.otf:8,$OCRB_DIR/OCRBS.otf:8,$OCRB_DIR/OCRBE.otf:6,$OCRB_DIR/OCRBF.otf:6,\
$OCRB_DIR/OCRBX.otf:6,/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:12,\
/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf:10,/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf:10,\
/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf:8,/usr/share/fonts/truetype/freefont/FreeSans.ttf:8,\
/usr/share/fonts/truetype/freefont/FreeMono.ttf:4,/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:4}
SHIPPED_MODEL=Models/mrz.traineddata
NET_SPEC='[1,36,0,1 Ct3,3,16 Mp3,3 Lfys32 Lfx64 Lrx64 Lfx96 O1c40]'
LEARNING_RATE=${LEARNING_RATE:-0.002}

export OMP_THREAD_LIMIT=1
NICE="nice -n 5"
WORK=${WORK:-.training}
DATA=${DATA:-$WORK/data}
GEN=pipelines/training/make_lines.py
t0=$(date +%s)
log() { echo "[$(( $(date +%s) - t0 ))s] $*"; }

mkdir -p "$WORK"
# Kept aside before anything can replace it, to score "before" on the same held-out lines.
SHIPPED_DIR=$WORK/score-shipped
rm -rf "$SHIPPED_DIR"; mkdir -p "$SHIPPED_DIR"
cp "$SHIPPED_MODEL" "$SHIPPED_DIR/mrz.traineddata"

# Lines in other faces, training and held out; with REUSE_DATA=1 made once and added to the reused lists.
make_font_lines() {
    (( FONT_LINES > 0 )) || return 0
    log "generating $FONT_LINES lines in other faces (seed $FONT_SEED) and $FONT_EVAL_LINES held out (seed $(( FONT_SEED + 1 )))"
    mkdir -p "$DATA/train-fonts" "$DATA/eval-fonts"
    MRZ_LINE_FONTS=$FONT_SET $NICE python3 $GEN "$DATA/train-fonts" "$FONT_LINES" "$FONT_SEED" f
    MRZ_LINE_FONTS=$FONT_SET $NICE python3 $GEN "$DATA/eval-fonts" "$FONT_EVAL_LINES" "$(( FONT_SEED + 1 ))" g
}

# 1. Data: rendered training lines in two shards (seeds TRAIN_SEED and TRAIN_SEED+1) and the
#    reader's crops from CROP_SCANS synthetic scans; held-out lines and crops with their own seeds;
#    then one .lstmf per line image, and the training list shuffled (seeded).
if [[ "${REUSE_DATA:-0}" != 1 || ! -f $DATA/train.list ]]; then
    rm -rf "$DATA"
    mkdir -p "$DATA/train" "$DATA/eval"
    if [[ -n ${DOCGUARD:-} ]]; then
        log "using $DOCGUARD for the line crops (no build)"
    else
        log "building docguard and docguard-synth, which docguard synth runs (release), for the line crops"
        $NICE swift build -c release --product docguard >&2
        $NICE swift build -c release --product docguard-synth >&2
        DOCGUARD=$(swift build -c release --show-bin-path)/docguard
    fi
    log "cutting line crops from $CROP_SCANS scans (seed $CROP_SEED) and $EVAL_CROP_SCANS held-out scans (seed $EVAL_CROP_SEED)"
    $NICE "$DOCGUARD" synth --line-crops --out "$DATA/train-crops" --count "$CROP_SCANS" --seed "$CROP_SEED"
    $NICE "$DOCGUARD" synth --line-crops --out "$DATA/eval-crops" --count "$EVAL_CROP_SCANS" --seed "$EVAL_CROP_SEED"
    # The reader's crops of real-world kinds: small blurred web copies, photographed pages, CMYK prints and
    # wide pitch, cut by the same locator and cutter (their characters reach the engine enlarged and soft).
    if (( KIND_CROP_SCANS > 0 )); then
        log "cutting line crops from $KIND_CROP_SCANS scans of kinds $CROP_KINDS (seed $KIND_CROP_SEED)"
        $NICE "$DOCGUARD" synth --line-crops --kinds "$CROP_KINDS" --out "$DATA/train-crops-kinds" \
            --count "$KIND_CROP_SCANS" --seed "$KIND_CROP_SEED"
    fi
    half=$(( TRAIN_LINES / 2 ))
    log "generating $TRAIN_LINES training lines (seeds $TRAIN_SEED, $((TRAIN_SEED + 1))) and $EVAL_LINES eval lines (seed $EVAL_SEED)"
    $NICE python3 $GEN "$DATA/train" "$half" "$TRAIN_SEED" a &
    p1=$!
    $NICE python3 $GEN "$DATA/train" "$(( TRAIN_LINES - half ))" "$(( TRAIN_SEED + 1 ))" b &
    p2=$!
    $NICE python3 $GEN "$DATA/eval" "$EVAL_LINES" "$EVAL_SEED" e
    wait $p1 $p2
    make_font_lines
    if [[ -d $REAL_LINES ]]; then
        log "real lines: normalising $REAL_LINES (seed $REAL_SEED, $REAL_VARIANTS variants per training line, ~10 % held out)"
        read -r kept bad_len bad_pitch n_train n_img n_eval <<< "$($NICE python3 pipelines/training/prep_real.py \
            "$REAL_LINES" "$DATA/train-real" "$DATA/eval-real" "$REAL_SEED" "$REAL_VARIANTS" 10)"
        log "real lines: kept $kept (dropped $bad_len for length or characters, $bad_pitch for implausible width); $n_train training lines as $n_img images, $n_eval held out"
    else
        log "real lines: $REAL_LINES not found; training without real lines"
    fi
    log "making .lstmf files"
    mklstmf() {
        for png in "$@"; do
            tesseract "$png" "${png%.png}" --psm 13 lstm.train >/dev/null 2>&1
        done
    }
    export -f mklstmf
    find "$DATA/train" "$DATA/train-crops" "$DATA/train-crops-kinds" "$DATA/train-fonts" "$DATA/eval" \
        "$DATA/eval-crops" "$DATA/eval-fonts" "$DATA/train-real" "$DATA/eval-real" -name '*.png' 2>/dev/null | sort \
        | $NICE xargs -n 200 -P 2 bash -c 'mklstmf "$@"' _
    # The real .lstmf files are listed REAL_REPEAT times (oversampling: they are few next to the
    # synthetic lines), then everything is shuffled (seed 7).
    {
        ls "$DATA"/train/*.lstmf "$DATA"/train-crops/*.lstmf
        if [[ -d $DATA/train-crops-kinds ]]; then ls "$DATA"/train-crops-kinds/*.lstmf; fi
        if [[ -d $DATA/train-fonts ]]; then ls "$DATA"/train-fonts/*.lstmf; fi
        if [[ -d $DATA/train-real ]]; then
            for _ in $(seq "$REAL_REPEAT"); do ls "$DATA"/train-real/*.lstmf; done
        fi
    } | python3 -c 'import random, sys; l = sys.stdin.read().split(); random.Random(7).shuffle(l); print("\n".join(l))' \
        > "$DATA/train.list"
    ls "$DATA"/eval/*.lstmf "$DATA"/eval-crops/*.lstmf "$DATA"/eval-real/*.lstmf "$DATA"/eval-fonts/*.lstmf \
        2>/dev/null > "$DATA/eval.list" || true
    n_real=$(grep -c '/train-real/' "$DATA/train.list" || true)
    log "$(wc -l < "$DATA/train.list") training .lstmf entries ($n_real real, $(( 100 * n_real / $(wc -l < "$DATA/train.list") )) %) and $(wc -l < "$DATA/eval.list") eval .lstmf files"
fi
if (( FONT_LINES > 0 )) && [[ ! -d $DATA/train-fonts ]]; then
    make_font_lines
    find "$DATA/train-fonts" "$DATA/eval-fonts" -name '*.png' | sort \
        | $NICE xargs -P 2 -I{} sh -c 'tesseract "$1" "${1%.png}" --psm 13 lstm.train >/dev/null 2>&1' _ {}
    { cat "$DATA/train.list"; ls "$DATA"/train-fonts/*.lstmf; } \
        | python3 -c 'import random, sys; l = sys.stdin.read().split(); random.Random(7).shuffle(l); print("\n".join(l))' \
        > "$DATA/train.list.new" && mv "$DATA/train.list.new" "$DATA/train.list"
    ls "$DATA"/eval-fonts/*.lstmf >> "$DATA/eval.list"
    log "lines in other faces added: $(wc -l < "$DATA/train.list") training .lstmf entries"
fi
if [[ ${DATA_ONLY:-0} == 1 ]]; then log "data ready in $DATA"; exit 0; fi

# 2. Starter traineddata: unicharset of the 37 MRZ characters, pass-through recoder.
ST=$WORK/starter
rm -rf "$ST"
mkdir -p "$ST/script"
printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<\n' > "$ST/chars.txt"
unicharset_extractor --output_unicharset "$ST/mrz.unicharset" --norm_mode 1 "$ST/chars.txt" >/dev/null 2>&1
# combine_lang_model needs radical-stroke.txt even with --pass_through_recoder; an empty file fails.
echo '# placeholder, unused with --pass_through_recoder' > "$ST/script/radical-stroke.txt"
combine_lang_model --input_unicharset "$ST/mrz.unicharset" --script_dir "$ST/script" \
    --lang mrz --output_dir "$ST" --pass_through_recoder >/dev/null 2>&1
log "starter traineddata: $ST/mrz/mrz.traineddata ($(( $(grep -c . "$ST/mrz.unicharset") - 1 )) unichars)"

# 3. Train from scratch, one thread.
CK=$WORK/ckpt
SHIPPED_CHECKPOINT=Models/training/mrz.checkpoint
if [[ -z ${CONTINUE_FROM:-} && ${FROM_SCRATCH:-0} != 1 && -f $SHIPPED_CHECKPOINT ]]; then
    CONTINUE_FROM=$SHIPPED_CHECKPOINT
fi
# The checkpoint folder is emptied below, so a CONTINUE_FROM inside it (the previous run's
# .training/ckpt/mrz_checkpoint) is first copied out of it.
if [[ -n ${CONTINUE_FROM:-} && $(realpath "$CONTINUE_FROM") == $(realpath "$CK")/* ]]; then
    cp "$CONTINUE_FROM" "$WORK/continue_from.checkpoint"
    CONTINUE_FROM=$WORK/continue_from.checkpoint
fi
rm -rf "$CK"
mkdir -p "$CK"
log "training: net $NET_SPEC, max $MAX_ITERATIONS iterations, target $TARGET_ERROR %, cap $MAX_MINUTES min"
# CONTINUE_FROM=CHECKPOINT continues an earlier run instead of starting from scratch (the
# iteration counter then restarts: MAX_ITERATIONS counts from the checkpoint).
if [[ -n ${CONTINUE_FROM:-} ]]; then
    START=(--continue_from "$CONTINUE_FROM")
    log "continuing from $CONTINUE_FROM"
else
    START=(--net_spec "$NET_SPEC")
fi
tt0=$(date +%s)
# A fine-tune's checkpoints swing from one to the next (held-out real lines 1.30-1.67 % CER within one
# run): the float checkpoint is copied every SNAPSHOT_MINUTES, and after training the snapshot that reads
# the held-out lines best is the one kept (step 4).
SNAPSHOTS=$WORK/snapshots
rm -rf "$SNAPSHOTS"; mkdir -p "$SNAPSHOTS"
(
    while sleep "$(( SNAPSHOT_MINUTES * 60 ))"; do
        [[ -f $CK/mrz_checkpoint ]] && cp "$CK/mrz_checkpoint" "$SNAPSHOTS/at_$(( ($(date +%s) - tt0) / 60 ))min.checkpoint"
    done
) &
snapshotter=$!
set +e
$NICE timeout -s TERM "${MAX_MINUTES}m" lstmtraining \
    --traineddata "$ST/mrz/mrz.traineddata" \
    "${START[@]}" \
    --model_output "$CK/mrz" \
    --learning_rate $LEARNING_RATE \
    --train_listfile "$DATA/train.list" \
    --max_iterations "$MAX_ITERATIONS" \
    --target_error_rate "$TARGET_ERROR" \
    --debug_interval 0 > "$WORK/train.log" 2>&1
rc=$?
set -e
kill "$snapshotter" 2>/dev/null || true
train_min=$(( ($(date +%s) - tt0 + 30) / 60 ))
grep -E '^At iteration' "$WORK/train.log" | tail -n 3 || true
log "lstmtraining exit $rc after ~$train_min min"
[[ -f $CK/mrz_checkpoint ]] || { echo "no checkpoint; see $WORK/train.log" >&2; exit 1; }

# 4. Convert the snapshots and the last checkpoint to integer models (small, fast) and keep the one with
#    the fewest character errors on the held-out real lines (else on the held-out reader crops); ties go to
#    the later one.
cp "$CK/mrz_checkpoint" "$SNAPSHOTS/at_end.checkpoint"
SELECT_SET=$DATA/eval-real
[[ -d $SELECT_SET ]] || SELECT_SET=$DATA/eval-crops
best_errors='' best_checkpoint=''
for checkpoint in $(ls -tr "$SNAPSHOTS"/*.checkpoint); do
    candidate=$SNAPSHOTS/$(basename "$checkpoint" .checkpoint)
    mkdir -p "$candidate"
    lstmtraining --stop_training --convert_to_int --continue_from "$checkpoint" \
        --traineddata "$ST/mrz/mrz.traineddata" --model_output "$candidate/mrz.traineddata" >/dev/null 2>&1
    read -r _ _ _ errors cer _ exact_share <<< "$(python3 pipelines/training/score.py "$SELECT_SET" mrz "$candidate")"
    log "snapshot $(basename "$candidate"): $(basename "$SELECT_SET") CER $cer %, exact lines $exact_share %"
    if [[ -z $best_errors ]] || (( errors <= best_errors )); then
        best_errors=$errors best_checkpoint=$checkpoint
    fi
done
log "keeping $(basename "$best_checkpoint" .checkpoint) ($best_errors character errors on $(basename "$SELECT_SET"))"
mkdir -p "$(dirname "$MODEL_OUT")"
cp "$SNAPSHOTS/$(basename "$best_checkpoint" .checkpoint)/mrz.traineddata" "$MODEL_OUT"
log "$MODEL_OUT: $(stat -c %s "$MODEL_OUT") bytes"
# The float checkpoint goes beside the shipped model, so the next run continues from this one.
if [[ $MODEL_OUT == Models/mrz.traineddata ]]; then
    cp "$best_checkpoint" "$SHIPPED_CHECKPOINT"
    log "$SHIPPED_CHECKPOINT updated"
fi

# 5. Evaluate on the held-out lines.
log "lstmeval (mrz): $(lstmeval --model "$MODEL_OUT" --eval_listfile "$DATA/eval.list" 2>&1 | grep -E 'BCER eval' | tail -n 1)"
# score.py loads MODEL.traineddata from a tessdata folder: give it one holding the new model as mrz.
SCORE_DIR=$WORK/score-tessdata
rm -rf "$SCORE_DIR"; mkdir -p "$SCORE_DIR"
cp "$MODEL_OUT" "$SCORE_DIR/mrz.traineddata"
rows=()
for set in eval eval-crops eval-real eval-fonts; do
    [[ -d $DATA/$set ]] || continue
    rows+=("$set $(python3 pipelines/training/score.py "$DATA/$set" mrz "$SCORE_DIR")")
    # The shipped model was copied before this run could replace it: "before" on the same lines.
    if [[ ${SCORE_SHIPPED:-1} != 0 ]]; then
        rows+=("$set $(python3 pipelines/training/score.py "$DATA/$set" mrz "$SHIPPED_DIR" | sed 's/^mrz/shipd/')")
    fi
    if [[ ${SCORE_ENG:-1} != 0 ]]; then
        rows+=("$set $(python3 pipelines/training/score.py "$DATA/$set" eng)")
    fi
done
echo
echo "held-out: eval = rendered lines (seed $EVAL_SEED), eval-crops = reader crops of $EVAL_CROP_SCANS scans (seed $EVAL_CROP_SEED), eval-real = held-out real lines (seed $REAL_SEED)"
echo "models: mrz = this run, shipd = $SHIPPED_MODEL as it was before the run"
echo "tesseract --psm 7 --oem 1, whitelist A-Z0-9<"
printf '%-10s %-6s %7s %7s %8s %8s %11s\n' set model lines chars errors 'CER %' 'exact %'
for r in "${rows[@]}"; do
    read -r set m n c e cer x xp <<< "$r"
    printf '%-10s %-6s %7s %7s %8s %8s %5s %5s\n' "$set" "$m" "$n" "$c" "$e" "$cer" "$x" "($xp)"
done
log "done"
