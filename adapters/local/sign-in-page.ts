// The sign-in page of the local chat, in Chinese and English: an agent id and a password (users),
// or an agent id and the team's access token (token). Rendered on the server, no script needed.
import type { Agent } from '../../src/domain/types.js';

export interface SignInPageState {
  mode: 'users' | 'token';
  /** Shown above the form after a failed attempt. */
  error?: string;
  agentId?: string;
  /** Already signed in: the page offers to sign out instead. */
  signedIn?: Agent;
}

export function renderSignInPage(state: SignInPageState): string {
  const secretLabel = state.mode === 'users' ? '密码 Password' : '访问令牌 Access token';
  const body = state.signedIn
    ? `<p>已登录为 <strong>${escapeHtml(state.signedIn.name)}</strong> / Signed in as <strong>${escapeHtml(state.signedIn.name)}</strong></p>
      <p><a href="/">进入反馈台 Open the feedback desk</a></p>
      <form method="post" action="/local/sign-out"><button type="submit" class="secondary">退出登录 Sign out</button></form>`
    : `${state.error ? `<p class="error" role="alert">${escapeHtml(state.error)}</p>` : ''}
      <form method="post" action="/local/sign-in">
        <label for="agent">坐席 ID Agent id</label>
        <input id="agent" name="agent" autocomplete="username" required maxlength="100" value="${escapeHtml(state.agentId ?? '')}" autofocus>
        <label for="secret">${secretLabel}</label>
        <input id="secret" name="secret" type="password" autocomplete="current-password" required maxlength="200">
        <button type="submit">登录 Sign in</button>
      </form>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>登录 Sign in · 反馈台 Feedback Desk</title>
  <link rel="icon" href="data:,">
  <style>
    body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f3f5f8; color: #1d2330;
      font: 15px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
    main { width: min(360px, 92vw); background: #fff; border: 1px solid #dde2ea; border-radius: 10px; padding: 24px 28px; }
    h1 { font-size: 19px; margin: 0 0 16px; }
    label { display: block; margin: 12px 0 4px; color: #667085; font-size: 14px; }
    input { width: 100%; box-sizing: border-box; padding: 8px 10px; border: 1px solid #dde2ea; border-radius: 8px; font: inherit; }
    button { margin-top: 18px; width: 100%; padding: 9px; border: 0; border-radius: 8px; background: #2f6fed; color: #fff; font: inherit; cursor: pointer; }
    button.secondary { background: #eef1f6; color: #1d2330; }
    .error { background: #fdecea; color: #b42318; padding: 8px 10px; border-radius: 8px; }
  </style>
</head>
<body>
  <main>
    <h1>反馈台 · 登录<br><span style="color:#667085;font-weight:500">Feedback Desk · Sign in</span></h1>
    ${body}
  </main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
