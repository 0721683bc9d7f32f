import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A native module: keep it out of the server bundle (stack.md).
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  async headers() {
    // The full CSP with nonces comes with the security issue; these hold for every page now.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
  experimental: {
    // forbidden()/unauthorized() answer 403/401 from server components.
    authInterrupts: true,
  },
};

export default withNextIntl(nextConfig);
