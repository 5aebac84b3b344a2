import { setup } from './temp-dir';

export = setup;
