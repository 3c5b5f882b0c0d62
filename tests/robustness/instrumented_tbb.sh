#!/usr/bin/env bash
# Builds oneTBB with ThreadSanitizer, for the tsan test run (docs/reliability.md#tsan-and-tbb).
#   tests/robustness/instrumented_tbb.sh PREFIX
# Debian's libtbb is not instrumented: TSan cannot see the synchronization inside it, so every
# hand-over from the thread that starts a parallel loop to the workers looks like a race. The
# fix is a libtbb built with -fsanitize=thread from the very source of the installed package
# (same version, same ABI as the headers we compile against), loaded in its place with
# LD_LIBRARY_PATH. The source comes from Debian's archive (the package's .dsc names the
# tarball and its checksum); the build takes well under a minute. Idempotent: does nothing when
# PREFIX/lib/libtbb.so.12 exists for the same version.
set -euo pipefail
prefix=${1:?usage: instrumented_tbb.sh PREFIX}
version=$(dpkg-query -W -f '${Version}' libtbb-dev)   # e.g. 2021.8.0-2+deb12u1
stamp=$prefix/.debian-version
if [ -f "$prefix/lib/libtbb.so.12" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  echo "instrumented oneTBB $version already in $prefix"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetched=""
for archive in http://deb.debian.org/debian http://deb.debian.org/debian-security; do
  dsc_url=$archive/pool/main/o/onetbb/onetbb_${version#*:}.dsc
  if curl -fsSL "$dsc_url" -o "$work/onetbb.dsc"; then fetched=$archive; break; fi
done
[ -n "$fetched" ] || { echo "cannot download the onetbb $version source description from Debian" >&2; exit 1; }
# The "Files:" section: md5 size name; the upstream tarball is the *.orig.tar.* entry.
read -r md5 _ tarball < <(awk '/^Files:/ {f = 1; next} f && /orig\.tar/ {print $1, $2, $3; exit}' "$work/onetbb.dsc")
curl -fsSL "$fetched/pool/main/o/onetbb/$tarball" -o "$work/$tarball"
echo "$md5  $work/$tarball" | md5sum -c --quiet
tar -xf "$work/$tarball" -C "$work"
src=$(find "$work" -maxdepth 1 -type d -name 'oneTBB-*' | head -1)
cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_SANITIZE=thread \
  -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF -DCMAKE_INSTALL_PREFIX="$prefix" > "$work/configure.log"
cmake --build "$work/build" -j "${JOBS:-$(nproc)}" > "$work/build.log"
cmake --install "$work/build" > /dev/null
echo "$version" > "$stamp"
echo "instrumented oneTBB $version installed in $prefix"
