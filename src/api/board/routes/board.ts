/** Public board routes: reads for anyone, writes for a member (checked by the service) and rate limited. */
const publicRead = { auth: false as const };
const publicWrite = { auth: false as const, middlewares: ['global::rate-limit'] };

export default {
  routes: [
    { method: 'GET', path: '/board/posts', handler: 'board.list', config: publicRead },
    { method: 'GET', path: '/board/posts/:id', handler: 'board.findOne', config: publicRead },
    { method: 'POST', path: '/board/posts', handler: 'board.createPost', config: publicWrite },
    { method: 'POST', path: '/board/posts/:id/comments', handler: 'board.createComment', config: publicWrite },
    { method: 'DELETE', path: '/board/posts/:id', handler: 'board.deletePost', config: publicWrite },
    { method: 'DELETE', path: '/board/comments/:id', handler: 'board.deleteComment', config: publicWrite },
  ],
};
