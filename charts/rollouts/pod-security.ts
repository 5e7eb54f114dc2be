/** Non-root UID/GID the service and load-test images run as. */
export const RUN_AS_USER = 10001;

/** The restricted Pod Security Standard, pod level: non-root and the runtime's seccomp profile. */
export function restrictedPodSecurity() {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    runAsGroup: RUN_AS_USER,
    fsGroup: RUN_AS_USER,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The restricted standard, container level, plus a read-only root file system. */
export function restrictedContainerSecurity() {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A writable /tmp for read-only root file systems (JVM, Python and Node all need one). */
export const TMP_VOLUME = { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } };
export const TMP_MOUNT = { name: 'tmp', mountPath: '/tmp' };
