#!/usr/bin/env bash
# Installs the Debian packages a make target needs, or says what to install.
#   scripts/deps.sh build|test|fuzz|bench|diff|all   (all: what CI needs; diff: make test-diff's npm)
# As root it runs `apt-get update` once and `apt-get install -y` for what is missing;
# otherwise it prints the apt-get command and fails.
set -euo pipefail

build_pkgs=(gcc make libc6-dev nettle-dev libmspack-dev libsqlite3-dev)
test_pkgs=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 clang lld llvm libcmocka-dev pkg-config python3
           golang-go gcab)
fuzz_pkgs=(clang lld libclang-rt-14-dev)
bench_pkgs=(hyperfine time)
diff_pkgs=(npm python3 tar)

want=()
for group in "${@:-build}"; do
    case $group in
        build) want+=("${build_pkgs[@]}") ;;
        test)  want+=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
        fuzz)  want+=("${build_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
        bench) want+=("${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
        diff)  want+=("${build_pkgs[@]}" "${diff_pkgs[@]}") ;;
        all)   want+=("${build_pkgs[@]}" "${test_pkgs[@]}" "${fuzz_pkgs[@]}" "${bench_pkgs[@]}") ;;
        *) echo "deps.sh: unknown group '$group' (build, test, fuzz, bench, diff, all)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${want[@]}"; do
    # npm also comes bundled with other builds of Node.js (NodeSource's nodejs), which Debian's npm conflicts with.
    [ "$p" = npm ] && command -v npm >/dev/null && continue
    # dpkg-query prints "install ok installed" for a present package.
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
        case " ${missing[*]-} " in *" $p "*) ;; *) missing+=("$p") ;; esac
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "ntexec: missing Debian packages: ${missing[*]}" >&2
    echo "ntexec: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
