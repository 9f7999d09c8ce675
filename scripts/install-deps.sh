#!/usr/bin/env bash
# Installs every Debian package ostsim needs to build, test and run. Idempotent: when all are
# present it changes nothing and makes no network request. Needs root (or sudo) on Debian 12.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build make pkg-config git
  # C++ libraries (each found by find_package or pkg-config in CMakeLists.txt)
  libboost-dev libboost-graph-dev libeigen3-dev libhdf5-dev libtbb-dev pybind11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libyaml-cpp-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev libcrypto++-dev libsecp256k1-dev librandom123-dev
  libjemalloc-dev  # the executables' allocator (cmake/OstsimAllocator.cmake)
  # Python side, served to /usr/bin/python3
  python3-dev python3-pytest python3-numpy python3-pandas python3-h5py
  python3-yaml python3-jsonschema  # the scenario JSON Schema test
  python3-pycryptodome  # an independent Keccak for the Python tests
  python3-tqdm python3-matplotlib python3-scipy  # sweep progress bars; ostsim.analysis figures
  python3-dask python3-distributed  # Trace.to_dask; sweeps on a Dask cluster (tested on localhost)
  python3-mpi4py openmpi-bin  # sweeps on MPI ranks (mpiexec -m mpi4py.futures, tested)
  python3-nbclient python3-nbformat python3-ipykernel  # the analysis/ notebooks run in the tests
  python3-mypy  # stubtest checks ostsim/_core.pyi against the built extension
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
