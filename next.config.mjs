import createNextIntlPlugin from "next-intl/plugin";

// What route handlers answer (JSON, CSV, files): nothing in them may load or run anything. The
// pages' policy is lib/security/csp.ts.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A native module: keep it out of the server bundle (stack.md).
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  async headers() {
    // Every answer: no MIME sniffing, no framing, no full referrer to other sites. The pages'
    // Content-Security-Policy (nonce or script hashes) and HSTS are set per request by proxy.ts
    // and, for the stored public pages, by the snapshot server; route handlers, which the proxy
    // does not see, answer with a policy that lets nothing load or run.
    const everywhere = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
    ];
    return [
      { source: "/:path*", headers: everywhere },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
  experimental: {
    // forbidden()/unauthorized() answer 403/401 from server components.
    authInterrupts: true,
  },
};

export default withNextIntl(nextConfig);
