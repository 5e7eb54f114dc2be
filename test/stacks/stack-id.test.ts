import { Testing } from 'cdktf';
import { describe, expect, test } from 'vitest';
import { backupLayout } from '../../config/derive/data-layouts.js';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { stackName } from '../../config/derive/stack-names.js';
import { BackupStack } from '../../stacks/backup.js';
import { platformConfig } from '../support/platform.js';

describe('stack ids passed by the app', () => {
  const props = () => ({ environment: stackEnvironment(platformConfig(), 'prod'), ...backupLayout(platformConfig(), 'prod') });

  test('the id the naming rule gives is the stack name', () => {
    expect(new BackupStack(Testing.app(), stackName('prod', 'us-east-1', 'backup'), props()).node.id).toBe('prod-us-east-1-backup');
  });

  test('an id that breaks the rule is refused, naming the right one', () => {
    expect(() => new BackupStack(Testing.app(), 'prod-backup', props())).toThrow(/stack id 'prod-backup' breaks the naming rule: a backup stack of prod in us-east-1 is 'prod-us-east-1-backup' \(stackName\)/);
  });
});
