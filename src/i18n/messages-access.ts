// Wording of the local chat's door: start-up refusals, the sign-in page and its answers.
export const accessMessages = {
  'start.data_dir_locked': {
    zh: '数据目录 {dir} 正被另一个反馈台进程（pid {pid}）使用；同一目录只能由一个进程打开。请先停止它，或换一个 DATA_DIR。',
    en: 'The data folder {dir} is in use by another feedback desk process (pid {pid}); one folder has one owner. Stop that one first, or use another DATA_DIR.',
  },
  'start.no_local_users': {
    zh: 'LOCAL_SIGN_IN=users 但还没有任何用户：先停止机器人，用 npm run local-user -- add ID --name 姓名 添加一个。',
    en: 'LOCAL_SIGN_IN=users but there are no users yet: with the bot stopped, add one with npm run local-user -- add ID --name NAME.',
  },
  'config.local_access_token_required': { zh: 'LOCAL_SIGN_IN=token 时必填', en: 'required when LOCAL_SIGN_IN=token' },
  'config.host_needs_sign_in': {
    zh: 'HOST 为 {host} 时其他机器也能打开本地聊天页，必须先配置登录：设置 LOCAL_SIGN_IN=users（并添加用户）或 LOCAL_ACCESS_TOKEN',
    en: '{host} lets other machines reach the local chat, so it needs sign-in: set LOCAL_SIGN_IN=users (and add users) or LOCAL_ACCESS_TOKEN',
  },
  'door.wrong_host': {
    zh: '请求的主机名不是本机器人（Host 不符），已拒绝',
    en: 'This request does not name this bot in its Host header; refused',
  },
  'door.wrong_origin': { zh: '不接受来自其他网站的请求', en: 'Requests from another site are not accepted' },
  'door.sign_in_required': { zh: '请先登录', en: 'Sign in first' },
  'door.sign_in_incomplete': { zh: '请填写坐席 ID 和密码（或访问令牌）', en: 'Enter your agent id and password (or access token)' },
  'door.wrong_password': { zh: '坐席 ID 或密码不正确', en: 'Wrong agent id or password' },
  'door.wrong_token': { zh: '访问令牌不正确，或没有这个坐席 ID', en: 'Wrong access token, or no such agent id' },
  'door.too_many_attempts': { zh: '尝试次数过多，请 10 分钟后再试', en: 'Too many attempts; try again in 10 minutes' },
  'door.actor_mismatch': {
    zh: '你已登录为 {name}，不能以其他人的身份操作',
    en: 'You are signed in as {name} and cannot act as someone else',
  },
} as const;
