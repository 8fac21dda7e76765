#!/usr/bin/env bash
# The saturation sweep on a GPU machine (docs/capacity.md): trains jobs of
# .gpu/saturation/manifest.json (npm run saturation-data) with scripts/gpu/train_world.py, one
# process per group, all at once, and packs the models and logs into OUT/models.tar.part00, 01…
#
#   bash scripts/gpu/run-saturation.sh [SHAPE:PEOPLE,PEOPLE… …]
#
# Each argument is one process: a shape and the worlds it trains, smallest first. Without
# arguments, every job of the manifest (each shape's worlds split into four processes). Each
# process stops after LIMIT seconds; the jobs that finished are kept, and the same command resumes
# into the same folder (DIR).
set -u
OUT=${OUT:-.gpu/saturation-out}
LIMIT=${LIMIT:-420}
DIR=${DIR:-/tmp/saturation-models}
mkdir -p "$OUT" "$DIR"
groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then
  for shape in micro-4 micro-8 micro-16 micro-32 micro-64 micro-128; do
    groups+=("$shape:15,30,60,125,250" "$shape:500,1000" "$shape:2000" "$shape:3000")
  done
fi
nvidia-smi -L 2>/dev/null || echo "no nvidia-smi"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
pids=()
for g in "${groups[@]}"; do
  shape=${g%%:*}
  people=()
  IFS=, read -ra ns <<<"${g#*:}"
  for n in "${ns[@]}"; do people+=(--people "$n"); done
  timeout "$LIMIT" python3 scripts/gpu/train_world.py .gpu/saturation/manifest.json "$DIR" --shape "$shape" "${people[@]}" \
    >"$DIR/log-${g//[:,]/-}.txt" 2>&1 &
  pids+=($!)
done
start=$(date +%s)
for p in "${pids[@]}"; do wait "$p"; done
echo "${#pids[@]} trainers ended after $(( $(date +%s) - start )) s"
cat "$DIR"/log-*.txt
# In parts of at most 15 MB (the GPU machine returns files of up to 16 MiB): cat models.tar.part* | tar x
rm -f "$OUT"/models.tar.part*
tar cf - -C "$DIR" . | split -b 15000000 -d - "$OUT/models.tar.part"
ls -la "$OUT"
