import "./globals.css";

// Each part of the site renders its own document: app/(site)/layout.tsx for the signed-in site
// (language from the cookie) and app/(open)/…/layout.tsx for the public pages (language in the
// path, so they are rendered once per data version and cached). This root only holds the styles.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
