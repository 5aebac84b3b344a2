import { teardown } from './temp-dir';

export = teardown;
