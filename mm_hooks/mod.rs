// SPDX-License-Identifier: GPL-2.0

//! Memory recovery: what a record's memory errors do to the pages they name.
//! memory_failure() decisions and calls, soft offline, and the task_work that gets the task
//! that consumed the error its SIGBUS BUS_MCEERR_AR. The C glue is `mm_hooks_shim.c`.

mod memory_failure;
mod task_work;

pub(crate) use memory_failure::{arm_error, memory_error, PageAction};
pub(crate) use task_work::{act_on_return, sigbus_current};
