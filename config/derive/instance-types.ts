const GRAVITON = /^[a-z]+\d+g[a-z]*\./; // m7g., c7gn., r8g., t4g.

/** Whether an EC2 instance type runs on Graviton (arm64): a node group runs one architecture. */
export function isGraviton(instanceType: string): boolean {
  return GRAVITON.test(instanceType);
}
