#!/usr/bin/env bash
# The saturation sweep on a GPU machine (docs/capacity.md): trains every job of
# .gpu/saturation/manifest.json (npm run saturation-data) with scripts/gpu/train_world.py, eight
# processes at once (each shape's small worlds, and its two large ones), and packs the models and
# logs into OUT/models.tar. Each process stops after LIMIT seconds; whatever jobs finished are kept
# (small worlds go first), and the same command resumes into the same folder.
set -u
OUT=${OUT:-.gpu/saturation-out}
LIMIT=${LIMIT:-420}
DIR=${DIR:-/tmp/saturation-models}
mkdir -p "$OUT" "$DIR"
nvidia-smi -L 2>/dev/null || echo "no nvidia-smi"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
pids=()
for shape in micro-4 micro-8 micro-16 micro-32; do
  timeout "$LIMIT" python3 scripts/gpu/train_world.py .gpu/saturation/manifest.json "$DIR" --shape "$shape" \
    --people 125 --people 250 --people 500 --people 1000 >"$DIR/log-$shape-small.txt" 2>&1 &
  pids+=($!)
  timeout "$LIMIT" python3 scripts/gpu/train_world.py .gpu/saturation/manifest.json "$DIR" --shape "$shape" \
    --people 2000 --people 3000 >"$DIR/log-$shape-large.txt" 2>&1 &
  pids+=($!)
done
start=$(date +%s)
for p in "${pids[@]}"; do wait "$p"; done
echo "all trainers ended after $(( $(date +%s) - start )) s"
cat "$DIR"/log-*.txt
tar cf "$OUT/models.tar" -C "$DIR" .
ls -la "$OUT"
