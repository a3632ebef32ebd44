#!/usr/bin/env python3
"""Records what Spacelift's Terraform provider sends for every resource kind the emulator models:
one labelled step per kind and stage (create, read, update, import, data source read, delete),
against an emulator started with --record-documents and seeded like the replay test.

usage: record.py PROVIDER_DIR PORT RECORDING.jsonl [--newer]
  PROVIDER_DIR  directory holding a terraform-provider-spacelift binary built from source
  --newer       also apply newer/*.tf (arguments and resources newer than v1.9.3)
Environment: TERRAFORM (the CLI, default "terraform"); run from the repository root after
`npm run build`. Work directories go to $TMPDIR. Then convert with scripts/client-documents.ts.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TF = os.environ.get("TERRAFORM", "terraform")
provider_dir, port, recording = os.path.abspath(sys.argv[1]), int(sys.argv[2]), os.path.abspath(sys.argv[3])
newer = "--newer" in sys.argv[4:]
repo = os.getcwd()
seed_file = json.load(open(os.path.join(repo, "tests/fixtures/clients/seed.json")))
key = seed_file["apiKey"]
endpoint = f"http://127.0.0.1:{port}"

# Dependency order; deletes run in reverse.
KINDS = [
    "spacelift_space",
    "spacelift_worker_pool",
    "spacelift_stack",
    "spacelift_module",
    "spacelift_context",
    "spacelift_context_attachment",
    "spacelift_environment_variable",
    "spacelift_mounted_file",
    "spacelift_policy",
    "spacelift_policy_attachment",
    "spacelift_stack_dependency",
    "spacelift_stack_dependency_reference",
    "spacelift_drift_detection",
    "spacelift_webhook",
    "spacelift_named_webhook",
    "spacelift_named_webhook_secret_header",
    "spacelift_aws_integration",
    "spacelift_aws_integration_attachment",
    "spacelift_stack_activator",
    "spacelift_worker_pool_recycle",
    "spacelift_stack_aws_role",
    "spacelift_azure_integration",
    "spacelift_azure_integration_attachment",
    "spacelift_aws_role",
    "spacelift_gcp_service_account",
    "spacelift_stack_gcp_service_account",
    "spacelift_run",
    "spacelift_stack_destructor",
    "spacelift_scheduled_task",
    "spacelift_scheduled_delete_stack",
    "spacelift_security_email",
    "spacelift_audit_trail_webhook",
    "spacelift_user",
    "spacelift_idp_group_mapping",
    "spacelift_terraform_provider",
    "spacelift_vcs_agent_pool",
    "spacelift_version",
    "spacelift_blueprint",
]

# No documented import: runs and module versions have no importer; the activator's and the
# destructor's reads take the stack from the stack_id attribute, which a passthrough import
# leaves empty.
NOT_IMPORTABLE = ("spacelift_stack_activator", "spacelift_stack_destructor", "spacelift_run", "spacelift_version")

scratch = tempfile.mkdtemp(prefix="tf-record-")
work = os.path.join(scratch, "main")
data_work = os.path.join(scratch, "data")
cli_config = os.path.join(scratch, "cli.tfrc")
with open(cli_config, "w") as f:
    f.write('provider_installation {\n  dev_overrides {\n    "spacelift-io/spacelift" = "%s"\n  }\n  direct {}\n}\n' % provider_dir)
failures = []


def mark(step):
    with open(recording, "a") as f:
        f.write(f"# step: {step}\n")


def tf(args, cwd=None, step=None, extra_vars=(), check=True):
    if step:
        mark(step)
    env = dict(os.environ)
    env.update(
        TF_CLI_CONFIG_FILE=cli_config,
        TF_VAR_endpoint=endpoint,
        TF_VAR_key_id=key["id"],
        TF_VAR_key_secret=key["secret"],
        TF_IN_AUTOMATION="1",
        CHECKPOINT_DISABLE="1",
    )
    flags = ["-no-color"] + [a for v in extra_vars for a in ("-var", v)]
    cmd = [TF, args[0]] + ([] if args[0] == "state" else flags) + args[1:]
    p = subprocess.run(cmd, cwd=cwd or work, env=env, capture_output=True, text=True)
    out = p.stdout + p.stderr
    ok = p.returncode in (0, 2) if "-detailed-exitcode" in args else p.returncode == 0
    if not ok:
        failures.append((step or " ".join(args), out[-3000:]))
        print(f"FAILED {step or args}:\n{out[-1500:]}", file=sys.stderr)
    return out


def addresses(kind):
    found = []
    for name in sorted(os.listdir(work)):
        if name.endswith(".tf"):
            for m in re.finditer(rf'^resource "{kind}" "([^"]+)"', open(os.path.join(work, name)).read(), re.M):
                found.append(f"{kind}.{m.group(1)}")
    return found


def targets(kind):
    return [f"-target={a}" for a in addresses(kind)]


def state():
    s = json.load(open(os.path.join(work, "terraform.tfstate")))
    out = {}
    for r in s["resources"]:
        if r["mode"] == "managed":
            out[f'{r["type"]}.{r["name"]}'] = r["instances"][0]["attributes"]
    return out


def import_id(addr, attrs, st):
    kind = addr.split(".")[0]
    project = attrs.get("stack_id") or attrs.get("module_id")
    project_kind = "stack" if attrs.get("stack_id") else "module"
    if kind == "spacelift_context_attachment":
        return f'{attrs["context_id"]}/{project}'
    if kind == "spacelift_policy_attachment":
        return f'{attrs["policy_id"]}/{project}'
    if kind == "spacelift_aws_integration_attachment":
        return f'{attrs["integration_id"]}/{project}'
    if kind in ("spacelift_drift_detection", "spacelift_stack_aws_role"):
        return f"stack/{attrs['stack_id']}"
    if kind in ("spacelift_aws_role", "spacelift_gcp_service_account", "spacelift_stack_gcp_service_account"):
        return f"{project_kind}/{project}"
    if kind == "spacelift_webhook":
        return f'{project_kind}/{project}/{attrs["id"]}'
    if kind == "spacelift_stack_activator":
        return attrs["stack_id"]
    if newer and kind == "spacelift_stack_dependency":
        return f'{attrs["stack_id"]}/{attrs["depends_on_stack_id"]}'
    if newer and kind == "spacelift_stack_dependency_reference":
        dep = next(a for a in st.values() if a.get("id") == attrs["stack_dependency_id"])
        return f'{dep["stack_id"]}/{dep["depends_on_stack_id"]}/{attrs["input_name"]}'
    return attrs["id"]


def main():
    if os.path.exists(recording):
        os.remove(recording)
    emulator = subprocess.Popen(
        [
            "node",
            os.path.join(repo, "dist/emulator/cli.js"),
            "--port",
            str(port),
            "--api-key",
            f'{key["id"]}:{key["secret"]}',
            "--stack-deletion-delay",
            "0",
            "--record-documents",
            recording,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        emulator.stdout.readline()
        req = urllib.request.Request(
            f"{endpoint}/_emulator/seed",
            data=json.dumps(seed_file["seed"]).encode(),
            headers={"content-type": "application/json"},
        )
        urllib.request.urlopen(req).read()
        # The seed goes in through a test control, not the API: start the recording after it.
        open(recording, "w").close()
        run()
    finally:
        emulator.terminate()
        emulator.wait()
    compact(recording)
    print(f"{len(failures)} failed commands; work files in {scratch}")
    for step, out in failures:
        print("==", step)
        print(out[-800:])


def compact(path):
    """Drops what only repeats, keeping every mutation and state upload in order: the check plan,
    the sign-in every Terraform command starts with (after the first), and any query sent before
    with the same variables (queries change nothing, so replaying without them maps the same ids),
    except that every step keeps at least its first request."""
    out, seen, signed_in, step, step_kept = [], set(), False, "", 0
    for line in open(path):
        if line.startswith("# step:"):
            step = line[len("# step:"):].strip()
            step_kept = 0
            if not step.startswith("(check"):
                out.append(line)
            continue
        if step.startswith("(check"):
            continue
        rec = json.loads(line)
        query = rec.get("query") or ""
        if "stateUpload" in rec:
            pass  # a state upload (PUT), as mutating as a mutation
        elif "apiKeyUser(" in query:
            if signed_in:
                continue
            signed_in = True
        elif not query.lstrip().startswith("mutation"):
            key = (query, json.dumps(rec.get("variables"), sort_keys=True))
            if key in seen and step_kept > 0:
                continue
            seen.add(key)
        out.append(line)
        step_kept += 1
    # Drop step markers left without requests.
    kept = [l for i, l in enumerate(out) if not (l.startswith("# step:") and (i + 1 == len(out) or out[i + 1].startswith("# step:")))]
    open(path, "w").write("".join(kept))


def run():
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(data_work, ignore_errors=True)
    os.makedirs(work)
    for d in ["common"] + (["newer"] if newer else []):
        for name in os.listdir(os.path.join(HERE, d)):
            # .json: files the configuration reads, such as import_state_file's state.
            if name.endswith((".tf", ".json")) and not name.startswith("data"):
                shutil.copy(os.path.join(HERE, d, name), work)
    kinds = [k for k in KINDS if addresses(k)]
    for k in kinds:
        tf(["apply", "-auto-approve", "-refresh=false", *targets(k)], step=f"{k} create")
    for k in kinds:
        tf(["plan", "-detailed-exitcode", *targets(k)], step=f"{k} read")
    for k in kinds:
        tf(["apply", "-auto-approve", "-refresh=false", *targets(k)], step=f"{k} update", extra_vars=["phase=2"])
    mark("(check: no changes left after the update)")
    print(tf(["plan", "-detailed-exitcode"], extra_vars=["phase=2"]), file=open(os.path.join(scratch, "plan-after-update.txt"), "w"))
    for k in [k for k in kinds if k not in NOT_IMPORTABLE]:
        st = state()
        for addr in addresses(k):
            tf(["state", "rm", addr])
            tf(["import", addr, import_id(addr, st[addr], st)], step=f"{k} import", extra_vars=["phase=2"])
    data_sources(state())
    for k in reversed(kinds):
        before = state()
        tf(["destroy", "-auto-approve", "-refresh=false", *targets(k)], step=f"{k} delete", extra_vars=["phase=2"])
        if k == "spacelift_stack_destructor":
            # An active destructor deletes its stack (stackDelete with destroyResources): the stack
            # is gone, and its own delete would fail.
            for addr, attrs in before.items():
                if addr.startswith(k + ".") and not attrs.get("deactivated"):
                    stack = next(a for a, s in before.items() if a.startswith("spacelift_stack.") and s["id"] == attrs["stack_id"])
                    tf(["state", "rm", stack])


def data_sources(st):
    os.makedirs(data_work)
    shutil.copy(os.path.join(HERE, "common", "provider.tf"), data_work)
    ids = {addr: attrs for addr, attrs in st.items()}
    text = ""
    for d in ["common"] + (["newer"] if newer else []):
        p = os.path.join(HERE, d, "data.tf" if d == "common" else "data-newer.tf")
        if os.path.exists(p):
            text += open(p).read()
    # ${addr.attr} placeholders become the values of the main configuration's state.
    text = re.sub(r"@\{([a-z_]+\.[a-z_0-9]+)\.([a-z_]+)\}", lambda m: str(ids[m.group(1)][m.group(2)]), text)
    open(os.path.join(data_work, "data.tf"), "w").write(text)
    for m in re.finditer(r'^data "([a-z_]+)" "([^"]+)"', text, re.M):
        tf(["plan", f"-target=data.{m.group(1)}.{m.group(2)}"], cwd=data_work, step=f"data.{m.group(1)} read")


main()
