// Auth.js's own endpoints (session, csrf, callback). Public by nature: they are the way in.
export { GET, POST } from "@/lib/auth/handlers";
