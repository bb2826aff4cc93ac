// A small seccomp filter for bwrap's `--seccomp FD`: the submitted code may not use the kernel interfaces that
// sandbox escapes and local privilege escalations go through (debugging other processes, mounting, keyrings,
// eBPF, perf, io_uring, module loading). Everything else is allowed: the filter narrows the attack surface, the
// namespaces and limits do the containing. Written as raw classic BPF so no libseccomp is needed.

/** x86_64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
const DENIED_X86_64: Record<string, number> = {
  ptrace: 101,
  syslog: 103,
  // A new session is a new scheduler autogroup (Linux's default outside a cgroup): a fork bomb whose children
  // each call setsid got the CPU share of 40 sessions, and the API and database on the same machine timed out.
  // One run, one session (bwrap's --new-session makes it before the filter applies).
  setsid: 112,
  pivot_root: 155,
  chroot: 161,
  acct: 163,
  mount: 165,
  umount2: 166,
  swapon: 167,
  swapoff: 168,
  reboot: 169,
  sethostname: 170,
  setdomainname: 171,
  init_module: 175,
  delete_module: 176,
  kexec_load: 246,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  unshare: 272,
  perf_event_open: 298,
  name_to_handle_at: 303,
  open_by_handle_at: 304,
  setns: 308,
  process_vm_readv: 310,
  process_vm_writev: 311,
  finit_module: 313,
  kexec_file_load: 320,
  bpf: 321,
  userfaultfd: 323,
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  mount_setattr: 442,
};

const AUDIT_ARCH_X86_64 = 0xc000003e;
const X32_SYSCALL_BIT = 0x40000000;
const SECCOMP_RET_KILL_PROCESS = 0x80000000;
const SECCOMP_RET_ERRNO = 0x00050000;
const SECCOMP_RET_ALLOW = 0x7fff0000;
const EPERM = 1;
// classic BPF opcodes
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;

/** The syscalls the filter refuses with EPERM. */
export const DENIED_SYSCALLS = Object.keys(DENIED_X86_64);

/** The compiled filter (struct sock_filter[]), or undefined on an architecture it does not know. */
export function seccompFilter(arch: string = process.arch): Buffer | undefined {
  if (arch !== "x64") return undefined;
  const numbers = Object.values(DENIED_X86_64);
  const program: [number, number, number, number][] = [];
  // seccomp_data: nr at offset 0, arch at offset 4
  program.push([LD_W_ABS, 0, 0, 4]);
  program.push([JEQ_K, 1, 0, AUDIT_ARCH_X86_64]);
  program.push([RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS]);
  program.push([LD_W_ABS, 0, 0, 0]);
  // x32 ABI numbers alias the same calls: refuse them all.
  const denyIndex = 4 + 1 + numbers.length + 1;
  program.push([JGE_K, denyIndex - 5, 0, X32_SYSCALL_BIT]);
  numbers.forEach((nr, i) => {
    const at = 5 + i;
    program.push([JEQ_K, denyIndex - at - 1, 0, nr]);
  });
  program.push([RET_K, 0, 0, SECCOMP_RET_ALLOW]);
  program.push([RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM]);
  const out = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], i) => {
    out.writeUInt16LE(code, i * 8);
    out.writeUInt8(jt, i * 8 + 2);
    out.writeUInt8(jf, i * 8 + 3);
    out.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return out;
}
