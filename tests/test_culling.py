"""Kernels of closed notebooks are shut down when idle, in `careerkit lab` and on the workshop's hub:
a room of 30 does not keep every kernel it ever started."""

from __future__ import annotations

import os
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from careerkit.lab import launch

ROOT = Path(__file__).resolve().parents[1]


def culling(args: list[str]) -> dict[str, str]:
    pairs = (a.removeprefix("--MappingKernelManager.").split("=", 1) for a in args if "MappingKernelManager" in a)
    return dict(pairs)


def test_careerkit_lab_culls_idle_kernels_but_never_an_open_notebook(monkeypatch):
    seen = {}
    monkeypatch.setattr(launch.subprocess, "call", lambda cmd, cwd, env=None: seen.setdefault("cmd", cmd) and 0)
    launch.open_lab("00", [])
    settings = culling(seen["cmd"])
    assert 0 < int(settings["cull_interval"]) <= int(settings["cull_idle_timeout"]) <= 3600
    assert int(settings["cull_idle_timeout"]) >= 600  # a learner's coffee break does not lose a kernel
    assert settings["cull_connected"] == "False"


def test_the_hub_spawns_servers_that_cull_idle_kernels(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERKIT_HUB_DIR", str(tmp_path / "hub"))
    monkeypatch.setenv("CAREERKIT_HUB_PASSWORD", "a-long-password")
    config_file = ROOT / "workshop" / "jupyterhub" / "jupyterhub_config.py"
    loader = PyFileConfigLoader(config_file.name, path=str(config_file.parent))
    config = loader.load_config()
    args = list(config.Spawner.args)
    assert culling(args) == culling(launch.KERNEL_CULLING)
    assert ("--allow-root" in args) == (os.geteuid() == 0)
