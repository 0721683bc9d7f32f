import { messagesFor } from "@/lib/i18n/messages";

// An address no route matches. It reads no cookie (it is part of every page's tree, the public
// pages' too, which are rendered once and cached), so it says it in both languages.
export default function UnmatchedNotFound() {
  const [zh, en] = [messagesFor("zh-CN").status, messagesFor("en").status];
  return (
    <html lang="zh-CN">
      <body>
        <main id="main">
          <div className="panel" data-testid="not-found">
            <h1>{zh.notFoundTitle}</h1>
            <p>{zh.notFoundBody}</p>
            <p lang="en">
              {en.notFoundTitle}. {en.notFoundBody}
            </p>
            <a href="/">
              {zh.backHome} · <span lang="en">{en.backHome}</span>
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
