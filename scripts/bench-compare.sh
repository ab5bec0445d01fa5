#!/usr/bin/env bash
# scripts/bench-compare.sh <git-ref-before> [--after <git-ref>] [--share-data] [--npm-ci] [--keep] [--json <file>] [bench flags…]
#
# Benchmarks two trees back to back on this machine with THIS checkout's
# scripts/bench.ts (its load generator, targets and table), so a change can be
# judged against what came before it on the same day's machine (issue 15).
#
#   <git-ref-before>  checked out with `git worktree add` into a temp dir.
#   --after <ref>     the tree to compare it with, also as a worktree; default
#                     is this checkout as it is on disk (uncommitted changes too).
#   --share-data      measure both trees on the very same dataset file (the
#                     after tree's data/synthetic-<size>.db). Refused unless both
#                     trees have the same prisma/schema.prisma and migrations.
#                     Default: each tree's own seed:synthetic builds its own.
#   --npm-ci          always `npm ci` in a worktree, even when this checkout's
#                     node_modules would do.
#   --keep            leave the worktrees (printed) instead of removing them.
#   --json <file>     write {before, after} (each bench.ts's --json) to <file>.
#   anything else     passed to bench.ts for both runs: --size, --duration,
#                     --port, --only (see the top of scripts/bench.ts).
#
# A worktree's dependencies: when its package-lock.json matches what this
# checkout's node_modules holds (node_modules/.package-lock.json: every package
# the lock names is installed at the same version, bar optional platform ones)
# and neither tree patches packages (patches/ or patch-package), node_modules is
# linked and only the tree's own postinstall (prisma generate, into its
# app/generated) runs. Otherwise it gets its own `npm ci` (~80 s here: better-
# sqlite3 compiles). The before tree's seeded dataset is kept in this
# checkout's data/bench-compare/ per commit, size and month (the seed's anchor),
# so a second compare against the same ref does not seed again.
#
# Example: scripts/bench-compare.sh 914b318 --size M
set -euo pipefail

usage() { sed -n '2,2p' "$0" | sed 's/^# /usage: /' >&2; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in -*) usage ;; esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BEFORE_REF=$1
shift
AFTER_REF=""
SHARE_DATA=0
FORCE_CI=0
KEEP=0
JSON_OUT=""
SIZE=M
BENCH_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --after) AFTER_REF=$2; shift 2 ;;
    --after=*) AFTER_REF=${1#*=}; shift ;;
    --share-data) SHARE_DATA=1; shift ;;
    --npm-ci) FORCE_CI=1; shift ;;
    --keep) KEEP=1; shift ;;
    --json) JSON_OUT=$2; shift 2 ;;
    --json=*) JSON_OUT=${1#*=}; shift ;;
    --app-dir* | --dataset* | --label*) echo "bench-compare sets $1 itself" >&2; exit 2 ;;
    --size) SIZE=$2; BENCH_ARGS+=("$1" "$2"); shift 2 ;;
    --size=*) SIZE=${1#*=}; BENCH_ARGS+=("$1"); shift ;;
    *) BENCH_ARGS+=("$1"); shift ;;
  esac
done
[ -z "$JSON_OUT" ] || JSON_OUT=$(cd "$(dirname "$JSON_OUT")" && pwd)/$(basename "$JSON_OUT")

cd "$ROOT"
STARTED=$SECONDS
step() { echo "[bench-compare $((SECONDS - STARTED)) s] $*" >&2; }
resolve() { git rev-parse --verify --quiet "$1^{commit}" || { echo "not a commit: $1" >&2; exit 2; }; }
BEFORE_SHA=$(resolve "$BEFORE_REF")
[ -z "$AFTER_REF" ] || AFTER_SHA=$(resolve "$AFTER_REF")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ledarlyftet-compare-XXXXXX")
WORKTREES=()
cleanup() {
  local wt
  for wt in "${WORKTREES[@]}"; do
    if [ "$KEEP" = 1 ]; then
      echo "kept worktree $wt (git worktree remove --force $wt)" >&2
    else
      # The link first, so nothing follows it into this checkout's node_modules.
      [ -L "$wt/node_modules" ] && rm "$wt/node_modules"
      git -C "$ROOT" worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
    fi
  done
  git -C "$ROOT" worktree prune
  [ "$KEEP" = 1 ] || rm -rf "$TMP"
}
trap cleanup EXIT

# Does this checkout's node_modules hold exactly what <dir>'s lock asks for?
node_modules_fit() {
  local dir=$1
  [ "$FORCE_CI" = 0 ] || return 1
  [ -f "$ROOT/node_modules/.package-lock.json" ] || return 1
  for tree in "$dir" "$ROOT"; do
    [ ! -d "$tree/patches" ] || return 1
    ! grep -q patch-package "$tree/package.json" || return 1
  done
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).packages;
    const have = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).packages;
    delete want[""];
    for (const [key, entry] of Object.entries(want)) {
      if (!have[key]) { if (entry.optional || entry.devOptional) continue; process.exit(1); }
      if (JSON.stringify(have[key]) !== JSON.stringify(entry)) process.exit(1);
    }
  ' "$dir/package-lock.json" "$ROOT/node_modules/.package-lock.json"
}

# worktree <name> <sha>: checks it out under $TMP and installs its dependencies.
worktree() {
  local dir=$TMP/$1 sha=$2 t0=$SECONDS
  step "git worktree add $dir ${sha:0:9}"
  git worktree add --detach --quiet "$dir" "$sha"
  WORKTREES+=("$dir")
  if node_modules_fit "$dir"; then
    step "$1: package-lock.json fits this checkout's node_modules; linking it and running only its postinstall"
    ln -s "$ROOT/node_modules" "$dir/node_modules"
    (cd "$dir" && npm run --silent postinstall >/dev/null)
  else
    step "$1: own dependencies (lock differs, packages are patched, or --npm-ci): npm ci"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  step "$1: ready in $((SECONDS - t0)) s"
}

worktree before "$BEFORE_SHA"
BEFORE_DIR=$TMP/before
if [ -n "$AFTER_REF" ]; then
  worktree after "$AFTER_SHA"
  AFTER_DIR=$TMP/after
  AFTER_LABEL="after $AFTER_REF (${AFTER_SHA:0:9})"
else
  AFTER_DIR=$ROOT
  AFTER_LABEL="after: this checkout ($(git rev-parse --short HEAD)$([ -z "$(git status --porcelain --untracked-files=no)" ] || echo ' + uncommitted changes'))"
fi
BEFORE_LABEL="before $BEFORE_REF (${BEFORE_SHA:0:9})"

DATA_ARGS_BEFORE=()
DATA_ARGS_AFTER=()
CACHE=""
if [ "$SHARE_DATA" = 1 ]; then
  if ! diff -rq "$BEFORE_DIR/prisma/schema.prisma" "$AFTER_DIR/prisma/schema.prisma" >/dev/null || ! diff -rq "$BEFORE_DIR/prisma/migrations" "$AFTER_DIR/prisma/migrations" >/dev/null; then
    echo "--share-data: the two trees' prisma schemas or migrations differ; each must seed its own (drop --share-data)" >&2
    exit 2
  fi
  SHARED=$AFTER_DIR/data/synthetic-$SIZE.db
  if [ ! -f "$SHARED" ]; then
    step "seeding the shared dataset with the after tree's seed:synthetic"
    (cd "$AFTER_DIR" && node_modules/.bin/tsx scripts/seed-synthetic.ts --size "$SIZE" >&2)
  fi
  DATA_ARGS_BEFORE=(--dataset "$SHARED")
  DATA_ARGS_AFTER=(--dataset "$SHARED")
else
  # The seed dates its data from the first of the month (UTC), so a cached file is good for that month.
  CACHE=$ROOT/data/bench-compare/${BEFORE_SHA:0:12}-synthetic-$SIZE-$(date -u +%Y-%m).db
  if [ -f "$CACHE" ]; then
    step "before: reusing its dataset from $CACHE"
    mkdir -p "$BEFORE_DIR/data"
    cp "$CACHE" "$BEFORE_DIR/data/synthetic-$SIZE.db"
  fi
fi

# run <label> <dir> <json> [dataset args]: bench.ts exits 1 when a target is missed; that is a result, not a failure.
run() {
  local label=$1 dir=$2 json=$3 rc=0 t0=$SECONDS
  shift 3
  step "bench: $label"
  node_modules/.bin/tsx scripts/bench.ts --app-dir "$dir" --label "$label" --json "$json" "$@" ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"} || rc=$?
  [ "$rc" -le 1 ] || { echo "bench.ts failed for $label (exit $rc)" >&2; exit "$rc"; }
  step "bench: $label took $((SECONDS - t0)) s"
}

run "$BEFORE_LABEL" "$BEFORE_DIR" "$TMP/before.json" ${DATA_ARGS_BEFORE[@]+"${DATA_ARGS_BEFORE[@]}"}
if [ -n "$CACHE" ] && [ ! -f "$CACHE" ] && [ -f "$BEFORE_DIR/data/synthetic-$SIZE.db" ]; then
  mkdir -p "$(dirname "$CACHE")"
  cp "$BEFORE_DIR/data/synthetic-$SIZE.db" "$CACHE"
fi
run "$AFTER_LABEL" "$AFTER_DIR" "$TMP/after.json" ${DATA_ARGS_AFTER[@]+"${DATA_ARGS_AFTER[@]}"}

node_modules/.bin/tsx scripts/bench/compare-summary.ts "$TMP/before.json" "$TMP/after.json" ${JSON_OUT:+"$JSON_OUT"}
step "done"
