/** @type {import('next').NextConfig} */
const nextConfig = {
  // This example has no ESLint setup of its own; `next build` type-checks it.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
