// Wording of the local chat's door: start-up refusals, the sign-in page and its answers.
export const accessMessages = {
  'start.data_dir_locked': {
    zh: '数据目录 {dir} 正被另一个反馈台进程（pid {pid}）使用；同一目录只能由一个进程打开。请先停止它，或换一个 DATA_DIR。',
    en: 'The data folder {dir} is in use by another feedback desk process (pid {pid}); one folder has one owner. Stop that one first, or use another DATA_DIR.',
  },
} as const;
