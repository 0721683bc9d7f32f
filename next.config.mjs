import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A native module: keep it out of the server bundle (stack.md).
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  experimental: {
    // forbidden()/unauthorized() answer 403/401 from server components.
    authInterrupts: true,
  },
};

export default withNextIntl(nextConfig);
