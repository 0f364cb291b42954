// Vue's browser build has the same API as 'vue'; its file ships without types of its own.
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}
