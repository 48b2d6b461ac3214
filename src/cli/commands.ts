// The command registry: every command is registered here, each from its own file.
import type { Command } from 'commander';
import type { SetExit } from './exit.js';
import { registerAudit } from './audit.js';
import { registerBackup } from './backup.js';
import { registerBuild } from './build.js';
import { registerClassify } from './classify.js';
import { registerDecide } from './decide.js';
import { registerDecisions } from './decisions.js';
import { registerDesk } from './desk.js';
import { registerDoctor } from './doctor.js';
import { registerEval } from './eval.js';
import { registerFetch } from './fetch.js';
import { registerInit } from './init.js';
import { registerMigrate } from './migrate.js';
import { registerPrune } from './prune.js';
import { registerRun } from './run.js';
import { registerSchedule } from './schedule.js';
import { registerSources } from './sources.js';


export function register(program: Command, setExit: SetExit): void {
  registerFetch(program, setExit);
  registerBuild(program, setExit);
  registerClassify(program);
  registerEval(program);
  registerRun(program, setExit);
  registerAudit(program, setExit);
  registerSources(program, setExit);
  registerBackup(program);
  registerPrune(program);
  registerMigrate(program);
  registerSchedule(program);
  registerInit(program);
  registerDoctor(program, setExit);
  registerDesk(program, setExit);
  registerDecide(program, setExit);
  registerDecisions(program, setExit);
}
